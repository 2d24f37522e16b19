import { useTheme } from '@material-ui/core/styles';
import type { OrganisationTrendPoint } from '@prodready/backstage-plugin-readiness-common';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/**
 * Mean score and share of production-ready entities per day, both on a
 * 0–100 scale so one axis serves both lines.
 */
export function OrganisationTrendChart(props: {
  points: OrganisationTrendPoint[];
}) {
  const theme = useTheme();
  const data = props.points.map(point => ({
    day: point.day,
    meanScore: point.meanScore,
    readyPercent: Math.round(point.productionReadyShare * 100),
  }));

  return (
    <ResponsiveContainer width="100%" height={260}>
      <LineChart
        data={data}
        margin={{ top: 8, right: 16, bottom: 0, left: -16 }}
      >
        <CartesianGrid stroke={theme.palette.divider} strokeDasharray="3 3" />
        <XAxis dataKey="day" stroke={theme.palette.text.secondary} />
        <YAxis domain={[0, 100]} stroke={theme.palette.text.secondary} />
        <Tooltip
          contentStyle={{
            backgroundColor: theme.palette.background.paper,
            borderColor: theme.palette.divider,
            color: theme.palette.text.primary,
          }}
        />
        <Legend />
        <Line
          type="monotone"
          dataKey="meanScore"
          name="Mean score"
          stroke={theme.palette.primary.main}
          strokeWidth={2}
          dot={data.length < 30}
          isAnimationActive={false}
        />
        <Line
          type="monotone"
          dataKey="readyPercent"
          name="Production ready (%)"
          stroke={theme.palette.status.ok}
          strokeWidth={2}
          dot={data.length < 30}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
