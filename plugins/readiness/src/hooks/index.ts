export {
  checkDocsUrl,
  CAMPAIGNS_DOCS_URL,
  CLUSTER_SETUP_URL,
  DEFAULT_DOCS_BASE_URL,
  useCheckDocsLink,
  useChecksDocsUrl,
} from './useChecksDocsUrl';
export { useRefreshPermission } from './useRefreshPermission';
export { useCurrentEntityTabLink, useEntityTabLinks } from './useEntityTabLink';
export {
  CAMPAIGN_PARAM,
  CAMPAIGNS_PATH,
  campaignHref,
  useCampaignLink,
} from './useCampaignLink';
export { useOverviewFilterParams } from './useOverviewFilterParams';
export { useMayChangeCampaign } from './useMayChangeCampaign';
