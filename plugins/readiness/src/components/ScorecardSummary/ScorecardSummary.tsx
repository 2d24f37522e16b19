import { Gauge } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ReadyIcon from '@material-ui/icons/CheckCircle';
import NotReadyIcon from '@material-ui/icons/Cancel';
import Alert from '@material-ui/lab/Alert';
import type { EntityScorecard } from '@prodready/backstage-plugin-readiness-common';
import { ReactNode } from 'react';
import { formatDateTime, formatRelativeTime } from '../../model/time';
import { LevelChip } from '../LevelChip';

const useStyles = makeStyles(theme => ({
  gauge: { width: 140, flexShrink: 0 },
  facts: { flex: '1 1 200px' },
  verdict: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    margin: theme.spacing(1, 0),
  },
  ready: { color: theme.palette.status.ok },
  notReady: { color: theme.palette.status.error },
}));

/** What the summary shows: an entity's or a cluster's scorecard. */
export type ScorecardHeadline = Pick<
  EntityScorecard,
  | 'score'
  | 'level'
  | 'productionReady'
  | 'evaluatedAt'
  | 'stale'
  | 'staleReason'
>;

const ENTITY_STALE_MESSAGE =
  'Some results are out of date: a source could not be read in the last evaluation, so older results were used.';

/**
 * The verdict at a glance: score, level, production ready or not, how
 * fresh it is, and whether some of it is out of date.
 */
export function ScorecardSummary(props: {
  scorecard: ScorecardHeadline;
  failingChecks: number;
  /** E.g. the refresh button. */
  action?: ReactNode;
  /** What a stale scorecard means for this subject; the entity's by default. */
  staleMessage?: string;
  /** How to name a failing check; `check` by default. */
  failingNoun?: { one: string; many: string };
}) {
  const {
    scorecard,
    failingChecks,
    action,
    staleMessage = ENTITY_STALE_MESSAGE,
    failingNoun = { one: 'check', many: 'checks' },
  } = props;
  const classes = useStyles();

  return (
    <Box>
      <Box display="flex" alignItems="center" gridGap={24} flexWrap="wrap">
        <Box
          className={classes.gauge}
          aria-label={`Score ${scorecard.score} of 100`}
        >
          <Gauge value={scorecard.score} fractional={false} unit="" />
        </Box>
        <Box className={classes.facts}>
          <LevelChip level={scorecard.level} />
          <Typography variant="h6" component="p" className={classes.verdict}>
            {scorecard.productionReady ? (
              <>
                <ReadyIcon className={classes.ready} />
                Production ready
              </>
            ) : (
              <>
                <NotReadyIcon className={classes.notReady} />
                Not production ready
              </>
            )}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {failingChecks === 0
              ? `No ${failingNoun.one} is failing.`
              : `${failingChecks} failing ${
                  failingChecks === 1 ? failingNoun.one : failingNoun.many
                }: fix them from the top, the most severe come first.`}
          </Typography>
          <Tooltip title={formatDateTime(scorecard.evaluatedAt)}>
            <Typography variant="body2" color="textSecondary">
              Evaluated {formatRelativeTime(scorecard.evaluatedAt)}
            </Typography>
          </Tooltip>
          {action && <Box mt={1}>{action}</Box>}
        </Box>
      </Box>
      {scorecard.stale && (
        <Box mt={2}>
          <Alert severity="warning">
            {staleMessage}
            {scorecard.staleReason && (
              <Typography variant="body2">
                Reason: {scorecard.staleReason}
              </Typography>
            )}
          </Alert>
        </Box>
      )}
    </Box>
  );
}
