export { readinessApiRef } from './ReadinessApi';
export type {
  OverviewQuery,
  ReadinessApi,
  ReadinessEntityRef,
} from './ReadinessApi';
export { ReadinessClient } from './ReadinessClient';
