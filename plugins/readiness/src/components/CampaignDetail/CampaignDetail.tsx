import {
  InfoCard,
  Link,
  MarkdownContent,
  Progress,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import BackIcon from '@material-ui/icons/ArrowBack';
import type {
  CampaignDetail as CampaignDetailData,
  CheckDefinition,
} from '@prodready/backstage-plugin-readiness-common';
import { lazy, Suspense, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  describeBurndown,
  describeTarget,
  formatCampaignDay,
} from '../../model/campaigns';
import { CampaignChecks } from '../CampaignChecks';
import { CampaignOwnersTable } from '../CampaignOwnersTable';
import { CampaignProgress } from '../CampaignProgress';
import { CampaignStatusChip } from '../CampaignStatusChip';
import { DeleteCampaignButton } from '../DeleteCampaignButton';
import { EditCampaignButton } from '../EditCampaignButton';

// The chart library loads after the campaign's text is on screen.
const CampaignBurndownChart = lazy(() =>
  import('../CampaignBurndownChart').then(m => ({
    default: m.CampaignBurndownChart,
  })),
);

/** A labelled line of the campaign card. */
function Fact(props: { label: string; children: ReactNode }) {
  return (
    <Box mb={2}>
      <Typography variant="overline" component="h3">
        {props.label}
      </Typography>
      {props.children}
    </Box>
  );
}

/**
 * One campaign: what it asks and of whom, how far it has come overall and
 * per team, and its burndown towards the due date.
 */
export function CampaignDetail(props: {
  campaign: CampaignDetailData;
  definitions: CheckDefinition[];
  /** Where "All campaigns" goes. */
  backTo: string;
  /** Reads the campaign again, after it was changed here. */
  onChanged?: () => void;
}) {
  const { campaign, definitions, backTo, onChanged } = props;
  const navigate = useNavigate();
  const target = describeTarget(campaign.target);
  const dates = `${formatCampaignDay(campaign.startDate, {
    withYear: true,
  })} – ${formatCampaignDay(campaign.dueDate, { withYear: true })}`;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Link to={backTo}>
          <Box display="inline-flex" alignItems="center" gridGap={4}>
            <BackIcon fontSize="small" /> All campaigns
          </Box>
        </Link>
      </Grid>
      <Grid item xs={12} md={5}>
        <InfoCard title={campaign.title} subheader={dates}>
          <Box display="flex" alignItems="center" gridGap={8} mb={2}>
            <CampaignStatusChip status={campaign.status} />
            <Typography variant="body2" color="textSecondary">
              {campaign.origin === 'config'
                ? 'Defined in configuration'
                : 'Defined through the API'}
            </Typography>
            <Box flexGrow={1} />
            <EditCampaignButton
              campaign={campaign}
              definitions={definitions}
              onSaved={() => onChanged?.()}
            />
            <DeleteCampaignButton
              campaign={campaign}
              onDeleted={() => navigate(backTo)}
            />
          </Box>
          <Fact label="Progress">
            <CampaignProgress tally={campaign.progress} detailed />
          </Fact>
          <Fact label="Checks">
            <CampaignChecks
              checks={campaign.checks}
              definitions={definitions}
            />
          </Fact>
          <Fact label="Covers">
            {target.length === 0 ? (
              <Typography variant="body2">Every scored entity</Typography>
            ) : (
              target.map(line => (
                <Typography key={line} variant="body2">
                  {line}
                </Typography>
              ))
            )}
          </Fact>
          {campaign.owner && (
            <Fact label="Run by">
              <EntityRefLink entityRef={campaign.owner} defaultKind="group" />
            </Fact>
          )}
          {campaign.description && (
            <Fact label="About">
              <MarkdownContent content={campaign.description} />
            </Fact>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={7}>
        <InfoCard title="Burndown" subheader="Entities still failing per day">
          <Typography variant="body2" color="textSecondary">
            {describeBurndown(campaign.burndown)}
          </Typography>
          {campaign.burndown.length > 0 && (
            <Suspense fallback={<Progress />}>
              <CampaignBurndownChart
                burndown={campaign.burndown}
                startDate={campaign.startDate}
                dueDate={campaign.dueDate}
              />
            </Suspense>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <CampaignOwnersTable owners={campaign.owners} />
      </Grid>
    </Grid>
  );
}
