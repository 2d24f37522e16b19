export { CampaignFormDialog } from './CampaignFormDialog';
