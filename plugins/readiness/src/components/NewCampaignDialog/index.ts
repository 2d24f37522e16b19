export { NewCampaignDialog } from './NewCampaignDialog';
