import { useTheme } from '@material-ui/core/styles';
import type { CampaignBurndownPoint } from '@prodready/backstage-plugin-readiness-common';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { dayToTime, formatCampaignDay } from '../../model/campaigns';

function formatTime(time: number): string {
  return formatCampaignDay(new Date(time).toISOString().slice(0, 10));
}

/**
 * Entities still failing per day, on a time axis running to the due date
 * (marked) so the days left show; the ideal line goes from the first day's
 * failing straight to none at the due date.
 */
export function CampaignBurndownChart(props: {
  burndown: CampaignBurndownPoint[];
  startDate: string;
  dueDate: string;
}) {
  const { burndown, startDate, dueDate } = props;
  const theme = useTheme();
  const data = burndown.map(point => ({
    time: dayToTime(point.day),
    failing: point.failing,
  }));
  const start = dayToTime(startDate);
  const due = dayToTime(dueDate);
  const last = data.length > 0 ? data[data.length - 1].time : start;
  const ideal =
    data.length > 0
      ? [
          { time: Math.min(start, data[0].time), ideal: data[0].failing },
          { time: due, ideal: 0 },
        ]
      : [];

  return (
    <ResponsiveContainer width="100%" height={280}>
      <LineChart margin={{ top: 16, right: 24, bottom: 0, left: -16 }}>
        <CartesianGrid stroke={theme.palette.divider} strokeDasharray="3 3" />
        <XAxis
          dataKey="time"
          type="number"
          scale="time"
          domain={[
            Math.min(start, data[0]?.time ?? start),
            Math.max(due, last),
          ]}
          tickFormatter={formatTime}
          stroke={theme.palette.text.secondary}
        />
        <YAxis
          allowDecimals={false}
          domain={[0, 'auto']}
          stroke={theme.palette.text.secondary}
        />
        <Tooltip
          labelFormatter={time => formatTime(Number(time))}
          contentStyle={{
            backgroundColor: theme.palette.background.paper,
            borderColor: theme.palette.divider,
            color: theme.palette.text.primary,
          }}
        />
        <Legend />
        <ReferenceLine
          x={due}
          stroke={theme.palette.status.error}
          strokeDasharray="4 4"
          label={{
            value: `Due ${formatCampaignDay(dueDate)}`,
            position: 'insideTopRight',
            fill: theme.palette.text.secondary,
          }}
        />
        <Line
          data={ideal}
          dataKey="ideal"
          name="Ideal"
          stroke={theme.palette.text.secondary}
          strokeDasharray="6 4"
          dot={false}
          isAnimationActive={false}
        />
        <Line
          data={data}
          dataKey="failing"
          name="Failing"
          stroke={theme.palette.status.error}
          strokeWidth={2}
          dot={data.length < 60}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
