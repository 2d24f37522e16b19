export {
  ClusterNotEvaluatedState,
  ClusterReadinessContent,
  PlatformScorecardView,
} from './ClusterReadinessContent';
