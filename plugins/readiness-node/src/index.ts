/**
 * Node.js library for the readiness plugin: the extension points through
 * which backend modules add workload sources, clusters, checks and
 * publish-target checkers.
 *
 * @packageDocumentation
 */

export * from './checks';
export * from './sources';
export * from './publishTargets';
export * from './clusters';
