import { Link } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import type { EntityCampaignStatus } from '@prodready/backstage-plugin-readiness-common';
import { Fragment } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../../api';
import { useCampaignLink } from '../../hooks';
import { entityNoun, formatCampaignDay } from '../../model/campaigns';

/** `a`, `a and b`, `a, b and c`, each in code. */
function CheckIds(props: { ids: string[] }) {
  const { ids } = props;
  return (
    <>
      {ids.map((id, index) => (
        <Fragment key={id}>
          {index > 0 && (index === ids.length - 1 ? ' and ' : ', ')}
          <code>{id}</code>
        </Fragment>
      ))}
    </>
  );
}

/**
 * The campaign's title, linked to it on the Campaigns tab when the app has
 * the readiness page; the route is resolved only where a banner shows.
 */
function CampaignTitle(props: { id: string; title: string }) {
  const link = useCampaignLink()(props.id);
  return link ? <Link to={link}>{props.title}</Link> : <>{props.title}</>;
}

function CampaignBanner(props: { status: EntityCampaignStatus; noun: string }) {
  const { campaign, failingChecks } = props.status;
  const overdue = campaign.status === 'overdue';
  return (
    <Alert severity={overdue ? 'error' : 'warning'}>
      <CampaignTitle id={campaign.id} title={campaign.title} />, due{' '}
      {formatCampaignDay(campaign.dueDate)}
      {overdue && ' (overdue)'}: this {props.noun} still fails{' '}
      <CheckIds ids={failingChecks} />
    </Alert>
  );
}

/**
 * One banner per running or overdue campaign the entity is in and still
 * fails, overdue ones in the error colour. Nothing while loading, and
 * nothing when the campaigns cannot be read: the banner is a reminder, and
 * must not stand between the user and the scorecard.
 */
export function EntityCampaignBanners() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const readinessApi = useApi(readinessApiRef);
  const { value } = useAsync(async () => {
    try {
      return await readinessApi.getEntityCampaigns(entityRef);
    } catch (error) {
      // eslint-disable-next-line no-console
      console.warn(`Could not read the campaigns of ${entityRef}`, error);
      return [];
    }
  }, [readinessApi, entityRef]);

  const failing = (value ?? []).filter(
    status => status.failingChecks.length > 0,
  );
  if (failing.length === 0) return null;
  const noun = entityNoun(entity);
  return (
    <Box display="flex" flexDirection="column" gridGap={8} mb={3}>
      {failing.map(status => (
        <CampaignBanner key={status.campaign.id} status={status} noun={noun} />
      ))}
    </Box>
  );
}
