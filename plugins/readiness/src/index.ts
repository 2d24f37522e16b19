/**
 * Readiness scorecards for Backstage: the frontend plugin.
 *
 * @packageDocumentation
 */
export { readinessPlugin as default } from './plugin';
export * from './api';
