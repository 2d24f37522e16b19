import {
  EmptyState,
  LinkButton,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import AddIcon from '@material-ui/icons/Add';
import {
  readinessCampaignManagePermission,
  type CheckDefinition,
} from '@prodready/backstage-plugin-readiness-common';
import { useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { readinessApiRef } from '../../api';
import { CAMPAIGN_PARAM, CAMPAIGNS_DOCS_URL, campaignHref } from '../../hooks';
import { CampaignDetail } from '../CampaignDetail';
import { CampaignsList } from '../CampaignsList';
import { CampaignFormDialog } from '../CampaignFormDialog';

/** Check titles and links for the chips; the ids alone do without them. */
function useCheckDefinitions(): CheckDefinition[] {
  const readinessApi = useApi(readinessApiRef);
  const { value } = useAsync(
    () => readinessApi.getChecks().catch(() => []),
    [readinessApi],
  );
  return value ?? [];
}

/** Starts a campaign, for those allowed to manage them; nothing for others. */
function NewCampaignButton(props: {
  definitions: CheckDefinition[];
  existingIds: ReadonlySet<string>;
  linkTo: (campaignId: string) => string;
}) {
  const { allowed } = usePermission({
    permission: readinessCampaignManagePermission,
  });
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  if (!allowed) return null;
  return (
    <>
      <Button
        variant="contained"
        color="primary"
        startIcon={<AddIcon />}
        onClick={() => setOpen(true)}
      >
        New campaign
      </Button>
      {open && (
        <CampaignFormDialog
          onClose={() => setOpen(false)}
          onSaved={campaign => navigate(props.linkTo(campaign.id))}
          definitions={props.definitions}
          existingIds={props.existingIds}
        />
      )}
    </>
  );
}

function NoCampaignsState(props: { newCampaign: JSX.Element }) {
  return (
    <EmptyState
      missing="content"
      title="No campaigns yet"
      description="Start one here, or define them in readiness.campaigns or through the API. A campaign asks a part of the catalog to pass a few checks by a due date, and tracks its progress per team."
      action={
        <Box display="flex" gridGap={8}>
          {props.newCampaign}
          <LinkButton to={CAMPAIGNS_DOCS_URL} variant="outlined">
            How to define a campaign
          </LinkButton>
        </Box>
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
  const newCampaign = (
    <NewCampaignButton
      definitions={props.definitions}
      existingIds={new Set((value ?? []).map(campaign => campaign.id))}
      linkTo={props.linkTo}
    />
  );
  if (!value || value.length === 0) {
    return <NoCampaignsState newCampaign={newCampaign} />;
  }
  return (
    <>
      <Box display="flex" justifyContent="flex-end" mb={2}>
        {newCampaign}
      </Box>
      <CampaignsList
        campaigns={value}
        definitions={props.definitions}
        linkTo={props.linkTo}
      />
    </>
  );
}

function SelectedCampaign(props: {
  campaignId: string;
  definitions: CheckDefinition[];
  backTo: string;
}) {
  const { campaignId, definitions, backTo } = props;
  const readinessApi = useApi(readinessApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => readinessApi.getCampaign(campaignId),
    [readinessApi, campaignId],
  );
  // Only the first read shows progress: a read after an edit keeps the page.
  if (loading && !value) return <Progress />;
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
      onChanged={retry}
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
