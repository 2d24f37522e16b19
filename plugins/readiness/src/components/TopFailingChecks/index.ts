export { TopFailingChecks, rankCampaigns } from './TopFailingChecks';
