import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import PassIcon from '@material-ui/icons/CheckCircleOutline';
import ErrorIcon from '@material-ui/icons/ErrorOutline';
import FailIcon from '@material-ui/icons/HighlightOff';
import ExemptIcon from '@material-ui/icons/NotInterested';
import SkipIcon from '@material-ui/icons/RemoveCircleOutline';
import type { CheckStatus } from '@prodready/backstage-plugin-readiness-common';

export const STATUS_LABELS: Readonly<Record<CheckStatus, string>> = {
  fail: 'Failing',
  pass: 'Passing',
  exempt: 'Exempt',
  error: 'Not evaluated',
  skip: 'Not applicable',
};

export const STATUS_ICONS = {
  fail: FailIcon,
  pass: PassIcon,
  exempt: ExemptIcon,
  error: ErrorIcon,
  skip: SkipIcon,
};

// One static class per status rather than styles computed from props: a
// long check list renders many chips, and per-instance styles are slow.
const useStyles = makeStyles(theme => {
  const colored = (color: string) => ({
    color,
    borderColor: color,
    '& $icon': { color },
  });
  return {
    icon: {},
    fail: colored(theme.palette.status.error),
    pass: colored(theme.palette.status.ok),
    error: colored(theme.palette.status.warning),
    exempt: colored(theme.palette.info.main),
    skip: colored(theme.palette.text.secondary),
  };
});

/** A check result's status, with an icon so it does not rely on colour. */
export function StatusChip(props: { status: CheckStatus }) {
  const { status } = props;
  const classes = useStyles();
  const Icon = STATUS_ICONS[status];
  return (
    <Chip
      variant="outlined"
      size="small"
      className={classes[status]}
      icon={<Icon className={classes.icon} />}
      label={STATUS_LABELS[status]}
    />
  );
}
