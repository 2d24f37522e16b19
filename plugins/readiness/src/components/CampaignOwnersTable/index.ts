export { CampaignOwnersTable } from './CampaignOwnersTable';
