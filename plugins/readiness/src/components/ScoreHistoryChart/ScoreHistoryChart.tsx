import { useTheme } from '@material-ui/core/styles';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ScoreHistoryPoint } from '@prodready/backstage-plugin-readiness-common';
import { LEVEL_LABELS } from '../LevelChip';

function shortDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
  });
}

/** The entity's score over time as a line; colours come from the theme. */
export function ScoreHistoryChart(props: { points: ScoreHistoryPoint[] }) {
  const theme = useTheme();
  const data = props.points.map(point => ({
    ...point,
    time: new Date(point.recordedAt).getTime(),
  }));

  return (
    <ResponsiveContainer width="100%" height={240}>
      <LineChart
        data={data}
        margin={{ top: 8, right: 16, bottom: 0, left: -16 }}
      >
        <CartesianGrid stroke={theme.palette.divider} strokeDasharray="3 3" />
        <XAxis
          dataKey="time"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          tickFormatter={time => shortDate(new Date(time).toISOString())}
          stroke={theme.palette.text.secondary}
        />
        <YAxis domain={[0, 100]} stroke={theme.palette.text.secondary} />
        <Tooltip
          contentStyle={{
            backgroundColor: theme.palette.background.paper,
            borderColor: theme.palette.divider,
            color: theme.palette.text.primary,
          }}
          labelFormatter={time => new Date(time).toLocaleString()}
          formatter={(score, _name, item) => [
            `${score} (${
              LEVEL_LABELS[(item.payload as ScoreHistoryPoint).level]
            })`,
            'Score',
          ]}
        />
        <Line
          type="stepAfter"
          dataKey="score"
          name="Score"
          stroke={theme.palette.primary.main}
          strokeWidth={2}
          dot={data.length < 30}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
