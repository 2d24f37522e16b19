export { ScorecardSummary } from './ScorecardSummary';
