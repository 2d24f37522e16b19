export { CampaignChecks } from './CampaignChecks';
