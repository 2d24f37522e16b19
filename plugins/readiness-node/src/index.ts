/**
 * Node.js library for the readiness plugin: the extension points through
 * which backend modules add workload sources.
 *
 * @packageDocumentation
 */

export * from './sources';
