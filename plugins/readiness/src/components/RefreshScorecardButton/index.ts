export { RefreshScorecardButton } from './RefreshScorecardButton';
