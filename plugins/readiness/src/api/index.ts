export { readinessApiRef } from './ReadinessApi';
export type { ReadinessApi, ReadinessEntityRef } from './ReadinessApi';
// Kept here too, where existing callers import it from.
export type { OverviewQuery } from '@prodready/backstage-plugin-readiness-common';
export { ReadinessClient } from './ReadinessClient';
