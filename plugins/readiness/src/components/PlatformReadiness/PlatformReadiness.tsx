import {
  EmptyState,
  InfoCard,
  LinkButton,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type {
  CheckDefinition,
  PlatformClusterRow,
  PlatformOverview,
  PlatformScorecard,
} from '@prodready/backstage-plugin-readiness-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../../api';
import { CLUSTER_SETUP_URL, useCheckDocsLink } from '../../hooks';
import { type CheckRow, compareRows } from '../../model/checkRows';
import { buildPlatformRows, missingCapabilities } from '../../model/platform';
import { CheckAccordion } from '../CheckAccordion';
import { PlatformMatrix, type ResultMessages } from '../PlatformMatrix';

/** No cluster to show: say how clusters get here. */
function NoClustersState() {
  return (
    <EmptyState
      missing="data"
      title="No cluster is scored yet"
      description="The readiness backend scores the platform of every cluster in its kubernetes configuration (clusterLocatorMethods), on the same schedule as services. Add your clusters there, and give each a catalog Resource of type kubernetes-cluster to link its scorecard to its owner. Clusters you may not see are not listed."
      action={
        <LinkButton to={CLUSTER_SETUP_URL} variant="contained" color="primary">
          How to add a cluster
        </LinkButton>
      }
    />
  );
}

/**
 * A cluster's missing capabilities, from its scorecard when it could be
 * read (with what was found), else from the overview's statuses.
 */
function missingRows(
  cluster: PlatformClusterRow,
  checks: CheckDefinition[],
  scorecard: PlatformScorecard | undefined,
): CheckRow[] {
  if (scorecard) {
    return buildPlatformRows(scorecard.report, checks).filter(
      row => row.status === 'fail',
    );
  }
  const definitions = new Map(checks.map(check => [check.id, check]));
  return missingCapabilities(cluster)
    .map(id => {
      const definition = definitions.get(id);
      return {
        id,
        title: definition?.title ?? id,
        category: definition?.category ?? 'other',
        severity: definition?.severity ?? 'medium',
        status: 'fail' as const,
        message: '',
        definition,
        occurrences: [],
      };
    })
    .sort(compareRows);
}

/** What one cluster lacks, each with how to add it. */
function MissingCapabilities(props: {
  cluster: PlatformClusterRow;
  rows: CheckRow[];
}) {
  const { cluster, rows } = props;
  const docsLink = useCheckDocsLink();
  const name = cluster.title ?? cluster.cluster;
  return (
    <InfoCard
      title={`Missing on ${name}`}
      subheader={`${rows.length} missing ${
        rows.length === 1 ? 'capability' : 'capabilities'
      }, most severe first; open one to see how to add it.`}
    >
      <section aria-label={`Missing on ${name}`}>
        {rows.map(row => (
          <CheckAccordion key={row.id} row={row} docsLink={docsLink} />
        ))}
      </section>
    </InfoCard>
  );
}

/** Scorecards of the clusters, for what each result says; one failing to load leaves a gap. */
async function loadScorecards(
  load: (cluster: string) => Promise<PlatformScorecard | undefined>,
  overview: PlatformOverview,
): Promise<Record<string, PlatformScorecard | undefined>> {
  const settled = await Promise.allSettled(
    overview.clusters.map(cluster => load(cluster.cluster)),
  );
  return Object.fromEntries(
    overview.clusters.map((cluster, index) => {
      const outcome = settled[index];
      return [
        cluster.cluster,
        outcome.status === 'fulfilled' ? outcome.value : undefined,
      ];
    }),
  );
}

function messagesOf(
  scorecards: Record<string, PlatformScorecard | undefined>,
): ResultMessages {
  return Object.fromEntries(
    Object.entries(scorecards).map(([cluster, scorecard]) => [
      cluster,
      Object.fromEntries(
        (scorecard?.report.cluster.results ?? []).map(result => [
          result.check,
          result.message,
        ]),
      ),
    ]),
  );
}

function PlatformView(props: { overview: PlatformOverview }) {
  const { overview } = props;
  const readinessApi = useApi(readinessApiRef);
  // The overview has statuses only; what each result says comes from the
  // clusters' scorecards, loaded after the matrix is on screen.
  const { value: scorecards } = useAsync(
    () =>
      loadScorecards(
        cluster => readinessApi.getPlatformScorecard(cluster),
        overview,
      ),
    [readinessApi, overview],
  );
  const messages = useMemo(
    () => (scorecards ? messagesOf(scorecards) : undefined),
    [scorecards],
  );
  const lacking = overview.clusters.filter(
    cluster => missingCapabilities(cluster).length > 0,
  );

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title="Capabilities by cluster"
          subheader="What each cluster's platform provides before services go live. Tinted cells are missing capabilities; hover a cell for what was found."
        >
          <PlatformMatrix overview={overview} messages={messages} />
        </InfoCard>
      </Grid>
      {lacking.length === 0 && (
        <Grid item xs={12}>
          <Typography color="textSecondary">
            Every cluster has every capability: nothing is missing.
          </Typography>
        </Grid>
      )}
      {lacking.map(cluster => (
        <Grid item xs={12} lg={6} key={cluster.cluster}>
          <MissingCapabilities
            cluster={cluster}
            rows={missingRows(
              cluster,
              overview.checks,
              scorecards?.[cluster.cluster],
            )}
          />
        </Grid>
      ))}
    </Grid>
  );
}

/**
 * The Platform tab of /readiness: the clusters side by side, a matrix of
 * capabilities × clusters with each cluster's trend, and what each cluster
 * lacks with how to add it.
 */
export function PlatformReadiness() {
  const readinessApi = useApi(readinessApiRef);
  const { value, loading, error } = useAsync(
    () => readinessApi.getPlatformOverview(),
    [readinessApi],
  );

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value || value.clusters.length === 0) {
    return <NoClustersState />;
  }
  return <PlatformView overview={value} />;
}
