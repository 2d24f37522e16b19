export { CampaignStatusChip } from './CampaignStatusChip';
