export { ReadinessCampaigns } from './ReadinessCampaigns';
