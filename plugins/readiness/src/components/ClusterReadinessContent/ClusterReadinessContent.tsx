import {
  EmptyState,
  InfoCard,
  LinkButton,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  clusterNameOfEntity,
  type CheckDefinition,
  type PlatformScorecard,
} from '@prodready/backstage-plugin-readiness-common';
import { lazy, Suspense, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../../api';
import { CLUSTER_SETUP_URL, useCheckDocsLink } from '../../hooks';
import { groupByCategory } from '../../model/checkRows';
import { buildPlatformRows, categoriesInOrderOf } from '../../model/platform';
import { CategorySummary } from '../CategorySummary';
import { CheckList } from '../CheckList';
import { DeferUntilVisible } from '../DeferUntilVisible';
import { ScorecardSummary } from '../ScorecardSummary';

// Below the capabilities, with the chart library: loaded when scrolled to.
const ScoreHistoryCard = lazy(() =>
  import('../ScoreHistoryCard').then(m => ({ default: m.ScoreHistoryCard })),
);

const STALE_MESSAGE =
  'The latest read of the cluster failed: these are the results of the last read that worked.';

/** The backend has no platform scorecard for the cluster. */
export function ClusterNotEvaluatedState(props: { cluster: string }) {
  const { cluster } = props;
  return (
    <EmptyState
      missing="data"
      title="No platform scorecard for this cluster"
      description={`The readiness backend has no platform scorecard for the cluster "${cluster}". It scores every cluster of its kubernetes configuration on a schedule: if "${cluster}" is one of them, the scorecard appears after the next run; if not, add it there under that name (the entity's backstage.io/kubernetes-cluster annotation, else its name).`}
      action={
        <LinkButton to={CLUSTER_SETUP_URL} variant="contained" color="primary">
          How to add a cluster
        </LinkButton>
      }
    />
  );
}

/** A cluster's platform scorecard: verdict, capabilities, history. */
export function PlatformScorecardView(props: {
  scorecard: PlatformScorecard;
  definitions: CheckDefinition[];
}) {
  const { scorecard, definitions } = props;
  const docsLink = useCheckDocsLink();
  const rows = useMemo(
    () => buildPlatformRows(scorecard.report, definitions),
    [scorecard, definitions],
  );
  const groups = useMemo(
    () => groupByCategory(rows, categoriesInOrderOf(definitions)),
    [rows, definitions],
  );
  const missing = rows.filter(row => row.status === 'fail').length;
  const warnings = scorecard.report.warnings ?? [];

  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12} md={5}>
        <InfoCard
          title="Platform readiness"
          subheader={`Cluster ${scorecard.cluster}`}
        >
          <ScorecardSummary
            scorecard={scorecard}
            failingChecks={missing}
            staleMessage={STALE_MESSAGE}
            failingNoun={{ one: 'capability', many: 'capabilities' }}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={7}>
        <InfoCard title="Categories">
          <CategorySummary groups={groups} />
        </InfoCard>
      </Grid>
      {warnings.length > 0 && (
        <Grid item xs={12}>
          <Alert severity="info" aria-label="Evaluation notes">
            <Typography variant="subtitle2" component="p">
              The evaluation noted:
            </Typography>
            <ul>
              {warnings.map(warning => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          </Alert>
        </Grid>
      )}
      <Grid item xs={12}>
        <InfoCard
          title="Capabilities"
          subheader="Missing capabilities first; open one to see what satisfied it, or how to add it."
        >
          <CheckList groups={groups} docsLink={docsLink} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <DeferUntilVisible>
          <Suspense fallback={<Progress />}>
            <ScoreHistoryCard
              cluster={scorecard.cluster}
              evaluatedAt={scorecard.evaluatedAt}
            />
          </Suspense>
        </DeferUntilVisible>
      </Grid>
    </Grid>
  );
}

/**
 * The Readiness tab of a cluster's catalog entity (a `Resource` of type
 * `kubernetes-cluster`): the platform readiness of that cluster.
 */
export function ClusterReadinessContent() {
  const { entity } = useEntity();
  const cluster = clusterNameOfEntity(entity) ?? entity.metadata.name;
  const readinessApi = useApi(readinessApiRef);
  const { value, loading, error } = useAsync(async () => {
    const [scorecard, definitions] = await Promise.all([
      readinessApi.getPlatformScorecard(cluster),
      readinessApi.getChecks(),
    ]);
    return { scorecard, definitions };
  }, [readinessApi, cluster]);

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value?.scorecard) {
    return <ClusterNotEvaluatedState cluster={cluster} />;
  }
  return (
    <PlatformScorecardView
      scorecard={value.scorecard}
      definitions={value.definitions}
    />
  );
}
