import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import type { OrganisationTrendPoint } from '@prodready/backstage-plugin-readiness-common';
import { lazy, Suspense } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../../api';

// The chart library loads after the tables are on screen.
const OrganisationTrendChart = lazy(() =>
  import('../OrganisationTrendChart').then(m => ({
    default: m.OrganisationTrendChart,
  })),
);

export const TREND_DAYS = 90;

/** Where the organisation stands today and how that moved. */
export function describeTrend(points: OrganisationTrendPoint[]): string {
  if (points.length === 0) {
    return 'No trend yet: the first point appears after the first evaluation.';
  }
  const first = points[0];
  const last = points[points.length - 1];
  const ready = (point: OrganisationTrendPoint) =>
    Math.round(point.productionReadyShare * 100);
  const today = `${ready(last)} % of ${
    last.entities
  } entities production ready, mean score ${last.meanScore}`;
  if (points.length === 1) return `${today}.`;
  return `${today}; ${ready(first)} % and ${first.meanScore} on ${first.day}.`;
}

/** The organisation's mean score and production-ready share per day. */
export function OrganisationTrendCard() {
  const readinessApi = useApi(readinessApiRef);
  const { value, loading, error } = useAsync(
    () => readinessApi.getOrganisationTrend({ days: TREND_DAYS }),
    [readinessApi],
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
          {describeTrend(points)}
        </Typography>
        {points.length > 0 && (
          <Suspense fallback={<Progress />}>
            <OrganisationTrendChart points={points} />
          </Suspense>
        )}
      </>
    );
  }

  return (
    <InfoCard title="Organisation trend" subheader={`Last ${TREND_DAYS} days`}>
      {content}
    </InfoCard>
  );
}
