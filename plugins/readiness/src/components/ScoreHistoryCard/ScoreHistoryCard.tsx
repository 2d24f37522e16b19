import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import type { ScoreHistoryPoint } from '@prodready/backstage-plugin-readiness-common';
import { lazy, Suspense } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../../api';

// The chart library is large: it loads after the checks are on screen.
const ScoreHistoryChart = lazy(() =>
  import('../ScoreHistoryChart').then(m => ({ default: m.ScoreHistoryChart })),
);

export const HISTORY_DAYS = 90;

/** One sentence on the trend, for screen readers and a quick read. */
export function describeHistory(points: ScoreHistoryPoint[]): string {
  if (points.length === 0) return 'No history yet.';
  const first = points[0];
  const last = points[points.length - 1];
  if (points.length === 1 || first.score === last.score) {
    return `Score ${last.score} over the last ${HISTORY_DAYS} days.`;
  }
  const direction = last.score > first.score ? 'up' : 'down';
  return `Score ${direction} from ${first.score} to ${last.score} over the last ${HISTORY_DAYS} days.`;
}

/**
 * The backend records a point only when score, level or verdict change; the
 * last one still holds at the latest evaluation, so the line runs up to it.
 */
export function extendToLatest(
  points: ScoreHistoryPoint[],
  evaluatedAt: string,
): ScoreHistoryPoint[] {
  const last = points[points.length - 1];
  if (!last || Date.parse(evaluatedAt) <= Date.parse(last.recordedAt)) {
    return points;
  }
  return [...points, { ...last, recordedAt: evaluatedAt }];
}

/** Whose history: a catalog entity's, or a cluster's platform score. */
export type HistorySubject = { entityRef: string } | { cluster: string };

/** The score of an entity, or of a cluster, over the last 90 days. */
export function ScoreHistoryCard(
  props: HistorySubject & {
    /** Changes when a new evaluation is in, to load the history again. */
    evaluatedAt: string;
  },
) {
  const { evaluatedAt } = props;
  const readinessApi = useApi(readinessApiRef);
  const options = { days: HISTORY_DAYS };
  const { value, loading, error } = useAsync(
    () =>
      'cluster' in props
        ? readinessApi.getPlatformHistory(props.cluster, options)
        : readinessApi.getScoreHistory(props.entityRef, options),
    [
      readinessApi,
      'cluster' in props ? `cluster ${props.cluster}` : props.entityRef,
      evaluatedAt,
    ],
  );

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else {
    const points = value ?? [];
    content = (
      <>
        <Typography variant="body2" color="textSecondary">
          {describeHistory(points)} A point is added whenever the score, level
          or verdict changes.
        </Typography>
        {points.length > 0 && (
          <Suspense fallback={<Progress />}>
            <ScoreHistoryChart points={extendToLatest(points, evaluatedAt)} />
          </Suspense>
        )}
      </>
    );
  }

  return <InfoCard title="Score history">{content}</InfoCard>;
}
