export { DeleteCampaignButton } from './DeleteCampaignButton';
