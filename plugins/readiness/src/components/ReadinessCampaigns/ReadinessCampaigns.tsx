import {
  EmptyState,
  LinkButton,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { CheckDefinition } from '@prodready/backstage-plugin-readiness-common';
import { useLocation, useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../../api';
import { CAMPAIGN_PARAM, CAMPAIGNS_DOCS_URL, campaignHref } from '../../hooks';
import { CampaignDetail } from '../CampaignDetail';
import { CampaignsList } from '../CampaignsList';

/** Check titles and links for the chips; the ids alone do without them. */
function useCheckDefinitions(): CheckDefinition[] {
  const readinessApi = useApi(readinessApiRef);
  const { value } = useAsync(
    () => readinessApi.getChecks().catch(() => []),
    [readinessApi],
  );
  return value ?? [];
}

function NoCampaignsState() {
  return (
    <EmptyState
      missing="content"
      title="No campaigns yet"
      description="Define them in readiness.campaigns or through the API. A campaign asks a part of the catalog to pass a few checks by a due date, and tracks its progress per team."
      action={
        <LinkButton to={CAMPAIGNS_DOCS_URL} variant="contained" color="primary">
          How to define a campaign
        </LinkButton>
      }
    />
  );
}

function AllCampaigns(props: {
  definitions: CheckDefinition[];
  linkTo: (campaignId: string) => string;
}) {
  const readinessApi = useApi(readinessApiRef);
  const { value, loading, error } = useAsync(
    () => readinessApi.getCampaigns(),
    [readinessApi],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.length === 0) return <NoCampaignsState />;
  return (
    <CampaignsList
      campaigns={value}
      definitions={props.definitions}
      linkTo={props.linkTo}
    />
  );
}

function SelectedCampaign(props: {
  campaignId: string;
  definitions: CheckDefinition[];
  backTo: string;
}) {
  const { campaignId, definitions, backTo } = props;
  const readinessApi = useApi(readinessApiRef);
  const { value, loading, error } = useAsync(
    () => readinessApi.getCampaign(campaignId),
    [readinessApi, campaignId],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) {
    return (
      <EmptyState
        missing="data"
        title={`No campaign "${campaignId}"`}
        description="It may have been deleted, or the link names it wrongly."
        action={
          <LinkButton to={backTo} variant="contained" color="primary">
            All campaigns
          </LinkButton>
        }
      />
    );
  }
  return (
    <CampaignDetail
      campaign={value}
      definitions={definitions}
      backTo={backTo}
    />
  );
}

/**
 * The Campaigns tab: every campaign with its progress, or one campaign
 * (`?campaign=<id>`, so it can be linked) with its teams and burndown.
 */
export function ReadinessCampaigns() {
  const [searchParams] = useSearchParams();
  const { pathname } = useLocation();
  const definitions = useCheckDefinitions();
  const campaignId = searchParams.get(CAMPAIGN_PARAM);

  return campaignId ? (
    <SelectedCampaign
      campaignId={campaignId}
      definitions={definitions}
      backTo={pathname}
    />
  ) : (
    <AllCampaigns
      definitions={definitions}
      linkTo={id => campaignHref(pathname, id)}
    />
  );
}
