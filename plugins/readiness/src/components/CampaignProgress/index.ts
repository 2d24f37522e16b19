export { CampaignProgress } from './CampaignProgress';
