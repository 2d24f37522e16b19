import { usePermission } from '@backstage/plugin-permission-react';
import {
  readinessCampaignManagePermission,
  type CampaignOrigin,
} from '@prodready/backstage-plugin-readiness-common';

/**
 * Whether the user may change or delete this campaign here: one made
 * through the API, and the `readiness.campaign.manage` permission.
 * Campaigns from configuration are changed there.
 */
export function useMayChangeCampaign(campaign: {
  origin: CampaignOrigin;
}): boolean {
  const { allowed } = usePermission({
    permission: readinessCampaignManagePermission,
  });
  return allowed && campaign.origin === 'api';
}
