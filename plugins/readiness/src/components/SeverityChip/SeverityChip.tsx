import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import type { Severity } from '@prodready/backstage-plugin-readiness-common';

// Static classes per severity: cheap to render many times.
const useStyles = makeStyles(theme => {
  const colored = (color: string) => ({
    color,
    borderColor: color,
    textTransform: 'capitalize' as const,
  });
  return {
    critical: colored(theme.palette.status.error),
    high: colored(theme.palette.status.warning),
    medium: colored(theme.palette.info.main),
    low: colored(theme.palette.text.secondary),
  };
});

/** How much a check weighs in the score: critical, high, medium or low. */
export function SeverityChip(props: { severity: Severity }) {
  const { severity } = props;
  const classes = useStyles();
  return (
    <Chip
      variant="outlined"
      size="small"
      className={classes[severity]}
      label={severity}
      aria-label={`Severity: ${severity}`}
    />
  );
}
