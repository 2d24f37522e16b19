import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import type { CampaignTally } from '@prodready/backstage-plugin-readiness-common';
import { describeProgress, doneShare } from '../../model/campaigns';

/**
 * Passing and exempt entities of those in scope, as a bar and in words;
 * the bar is named by the words, so screen readers hear the numbers.
 */
export function CampaignProgress(props: {
  tally: CampaignTally;
  /** Also say how many fail and how many of the done are exempt. */
  detailed?: boolean;
}) {
  const { tally, detailed } = props;
  const label = describeProgress(tally);
  const details = [
    `${tally.failing} failing`,
    tally.exempt > 0 ? `${tally.exempt} exempt` : undefined,
  ].filter(Boolean);
  return (
    <Box minWidth={160}>
      <Typography variant="body2">
        {label}
        {detailed && tally.inScope > 0 && (
          <Typography component="span" variant="body2" color="textSecondary">
            {` · ${details.join(' · ')}`}
          </Typography>
        )}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={Math.round(doneShare(tally) * 100)}
        aria-label={label}
      />
    </Box>
  );
}
