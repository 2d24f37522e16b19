export { CampaignBurndownChart } from './CampaignBurndownChart';
