export { CampaignsList } from './CampaignsList';
