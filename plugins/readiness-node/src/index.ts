/**
 * Node.js library for the readiness plugin: the extension points through
 * which backend modules add workload sources and publish-target checkers.
 *
 * @packageDocumentation
 */

export * from './sources';
export * from './publishTargets';
