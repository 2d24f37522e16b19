export { EntityCampaignBanners } from './EntityCampaignBanners';
