/**
 * Node.js library for the readiness plugin: the extension points through
 * which backend modules add workload sources and checks.
 *
 * @packageDocumentation
 */

export * from './checks';
export * from './sources';
