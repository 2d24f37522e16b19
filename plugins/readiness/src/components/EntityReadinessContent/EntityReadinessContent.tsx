import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  isClusterEntity,
  KUBERNETES_MAPPING_ANNOTATIONS,
  type CheckDefinition,
  type EntityScorecard,
} from '@prodready/backstage-plugin-readiness-common';
import { lazy, Suspense, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../../api';
import { useCheckDocsLink, useChecksDocsUrl } from '../../hooks';
import { categoryOrder } from '../../model/categories';
import { buildCheckRows, groupByCategory } from '../../model/checkRows';
import { hasWorkloadMapping } from '../../model/entity';
import { CategorySummary } from '../CategorySummary';
import { CheckList } from '../CheckList';
import { ClusterReadinessContent } from '../ClusterReadinessContent';
import { DeferUntilVisible } from '../DeferUntilVisible';
import { ClusterMatchesGit, DriftFromGit } from '../DriftFromGit';
import { EntityCampaignBanners } from '../EntityCampaignBanners';
import { MissingWorkloadsNotice } from '../MissingWorkloadsNotice';
import { NotEvaluatedState } from '../NotEvaluatedState';
import { RefreshScorecardButton } from '../RefreshScorecardButton';
import { ScorecardSummary } from '../ScorecardSummary';

// Below the checks, and heavy (tables, charts): they load and render when
// scrolled to, so a long check list responds at once.
const WorkloadTable = lazy(() =>
  import('../WorkloadTable').then(m => ({ default: m.WorkloadTable })),
);
const ScoreHistoryCard = lazy(() =>
  import('../ScoreHistoryCard').then(m => ({ default: m.ScoreHistoryCard })),
);

/**
 * Neither a scorecard nor an annotation linking workloads: the annotation is
 * the first thing to add; the catalog-level checks can run without it.
 */
function NoAnnotationState(props: {
  entityRef: string;
  onEvaluated: (scorecard: EntityScorecard) => void;
}) {
  const docsUrl = useChecksDocsUrl();
  return (
    <>
      <MissingAnnotationEmptyState
        annotation={[...KUBERNETES_MAPPING_ANNOTATIONS]}
        readMoreUrl={docsUrl('workloads-found')}
      />
      <Box mt={2} display="flex" alignItems="center" gridGap={16}>
        <Typography variant="body2" color="textSecondary">
          Its catalog-level checks (owner, runbook, on-call, …) need no
          annotation and are scored on the backend's next run.
        </Typography>
        <RefreshScorecardButton
          entityRef={props.entityRef}
          onRefreshed={props.onEvaluated}
          label="Evaluate now"
        />
      </Box>
    </>
  );
}

function ScorecardView(props: {
  scorecard: EntityScorecard;
  definitions: CheckDefinition[];
  mapsToWorkloads: boolean;
  onRefreshed: (scorecard: EntityScorecard) => void;
}) {
  const { scorecard, definitions, mapsToWorkloads, onRefreshed } = props;
  const docsLink = useCheckDocsLink();
  const rows = useMemo(
    () => buildCheckRows(scorecard.report, definitions),
    [scorecard, definitions],
  );
  // Custom checks' own categories come after the built-in ones.
  const groups = useMemo(
    () => groupByCategory(rows, categoryOrder(definitions)),
    [rows, definitions],
  );
  const failingChecks = rows.filter(row => row.status === 'fail').length;
  // Absent: Git and a cluster were not both read, so there is nothing to say.
  const drift = scorecard.drift;

  return (
    <Grid container spacing={3} alignItems="stretch">
      {!mapsToWorkloads && (
        <Grid item xs={12}>
          <MissingWorkloadsNotice />
        </Grid>
      )}
      <Grid item xs={12} md={5}>
        <InfoCard title="Production readiness">
          <ScorecardSummary
            scorecard={scorecard}
            failingChecks={failingChecks}
            action={
              <RefreshScorecardButton
                entityRef={scorecard.entityRef}
                onRefreshed={onRefreshed}
              />
            }
          />
          {drift?.length === 0 && <ClusterMatchesGit />}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={7}>
        <InfoCard title="Categories">
          <CategorySummary groups={groups} />
        </InfoCard>
      </Grid>
      {drift && drift.length > 0 && (
        // Right under the summary: that the cluster runs something other
        // than Git says is worth knowing before any single check.
        <Grid item xs={12}>
          <DriftFromGit drift={drift} />
        </Grid>
      )}
      <Grid item xs={12}>
        <InfoCard
          title="Checks"
          subheader="Failing checks first; open one to see where it fails and how to fix it."
        >
          <CheckList groups={groups} docsLink={docsLink} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <DeferUntilVisible>
          <Suspense fallback={<Progress />}>
            <WorkloadTable workloads={scorecard.report.workloads} />
          </Suspense>
        </DeferUntilVisible>
      </Grid>
      <Grid item xs={12}>
        <DeferUntilVisible>
          <Suspense fallback={<Progress />}>
            <ScoreHistoryCard
              entityRef={scorecard.entityRef}
              evaluatedAt={scorecard.evaluatedAt}
            />
          </Suspense>
        </DeferUntilVisible>
      </Grid>
    </Grid>
  );
}

/**
 * The entity's Readiness tab: its scorecard, every check with where it
 * fails and how to fix it, its workloads and its history. A cluster's
 * entity shows the platform readiness of that cluster instead.
 */
export function EntityReadinessContent() {
  const { entity } = useEntity();
  return isClusterEntity(entity) ? (
    <ClusterReadinessContent />
  ) : (
    <ServiceReadinessContent />
  );
}

/** The Readiness tab of an entity scored on its workloads and catalog data. */
function ServiceReadinessContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const readinessApi = useApi(readinessApiRef);
  const [refreshed, setRefreshed] = useState<EntityScorecard>();
  const { value, loading, error } = useAsync(async () => {
    const [scorecard, definitions] = await Promise.all([
      readinessApi.getScorecard(entityRef),
      readinessApi.getChecks(),
    ]);
    return { scorecard, definitions };
  }, [readinessApi, entityRef]);

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }

  const mapsToWorkloads = hasWorkloadMapping(entity);
  const scorecard =
    refreshed?.entityRef === entityRef ? refreshed : value?.scorecard;
  if (!scorecard) {
    // Without a mapping annotation and without a scorecard, the annotation
    // is the first thing to fix.
    return mapsToWorkloads ? (
      <NotEvaluatedState entityRef={entityRef} onEvaluated={setRefreshed} />
    ) : (
      <NoAnnotationState entityRef={entityRef} onEvaluated={setRefreshed} />
    );
  }

  return (
    <>
      <EntityCampaignBanners />
      <ScorecardView
        scorecard={scorecard}
        definitions={value?.definitions ?? []}
        mapsToWorkloads={mapsToWorkloads}
        onRefreshed={setRefreshed}
      />
    </>
  );
}
