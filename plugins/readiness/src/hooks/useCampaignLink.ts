import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../routes';

/** The Campaigns tab's path under the readiness page. */
export const CAMPAIGNS_PATH = 'campaigns';

/** The query parameter of the Campaigns tab naming the campaign shown. */
export const CAMPAIGN_PARAM = 'campaign';

/** The Campaigns tab's address of one campaign, below the tab's own path. */
export function campaignHref(tabPath: string, campaignId: string): string {
  return `${tabPath}?${CAMPAIGN_PARAM}=${encodeURIComponent(campaignId)}`;
}

/**
 * Returns a function giving a campaign's link, or undefined when the app
 * has no readiness page to link to (the banner then names the campaign
 * without a link).
 */
export function useCampaignLink(): (campaignId: string) => string | undefined {
  let tabPath: string | undefined;
  try {
    // Throws when the page is mounted nowhere; see useCurrentEntityTabLink
    // for why a hook may be called inside try.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    tabPath = `${useRouteRef(rootRouteRef)().replace(
      /\/$/,
      '',
    )}/${CAMPAIGNS_PATH}`;
  } catch {
    tabPath = undefined;
  }
  return campaignId =>
    tabPath === undefined ? undefined : campaignHref(tabPath, campaignId);
}
