export { EditCampaignButton } from './EditCampaignButton';
