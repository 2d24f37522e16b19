import { useTheme } from '@material-ui/core/styles';
import type { ScoreHistoryPoint } from '@prodready/backstage-plugin-readiness-common';

const WIDTH = 80;
const HEIGHT = 24;
// Keeps the line's stroke inside the box at 0 and 100.
const PAD = 2;

/** The trend in words, for screen readers and the tooltip. */
export function describeTrend(points: readonly ScoreHistoryPoint[]): string {
  if (points.length === 0) return 'No trend yet';
  const first = points[0].score;
  const last = points[points.length - 1].score;
  if (first === last) return `Score steady at ${last}`;
  return `Score ${last > first ? 'up' : 'down'} from ${first} to ${last}`;
}

/** Height of a score in the box: 100 at the top. */
function scoreY(score: number): number {
  return PAD + ((HEIGHT - 2 * PAD) * (100 - score)) / 100;
}

/**
 * The points of the line: time left to right (evenly spaced, one point per
 * day with a record), score 0 at the bottom and 100 at the top.
 */
export function sparklinePoints(points: readonly ScoreHistoryPoint[]): string {
  const span = Math.max(points.length - 1, 1);
  return points
    .map((point, index) => {
      const x = PAD + ((WIDTH - 2 * PAD) * index) / span;
      return `${x.toFixed(1)},${scoreY(point.score).toFixed(1)}`;
    })
    .join(' ');
}

/**
 * A score trend small enough for a table header: a plain SVG line, so a
 * matrix of clusters does not load the chart library.
 */
export function TrendSparkline(props: {
  points: readonly ScoreHistoryPoint[];
}) {
  const { points } = props;
  const theme = useTheme();
  const label = describeTrend(points);
  return (
    <svg
      role="img"
      aria-label={label}
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
    >
      <title>{label}</title>
      <line
        x1={0}
        x2={WIDTH}
        y1={HEIGHT - PAD}
        y2={HEIGHT - PAD}
        stroke={theme.palette.divider}
      />
      {points.length > 1 && (
        <polyline
          points={sparklinePoints(points)}
          fill="none"
          stroke={theme.palette.primary.main}
          strokeWidth={1.5}
        />
      )}
      {points.length === 1 && (
        <circle
          cx={WIDTH / 2}
          cy={scoreY(points[0].score)}
          r={2}
          fill={theme.palette.primary.main}
        />
      )}
    </svg>
  );
}
