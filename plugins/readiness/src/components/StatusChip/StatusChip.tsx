import PassIcon from '@material-ui/icons/CheckCircleOutline';
import ErrorIcon from '@material-ui/icons/ErrorOutline';
import FailIcon from '@material-ui/icons/HighlightOff';
import ExemptIcon from '@material-ui/icons/NotInterested';
import SkipIcon from '@material-ui/icons/RemoveCircleOutline';
import type { CheckStatus } from '@prodready/backstage-plugin-readiness-common';
import { makeIconChipStyles, OutlinedIconChip } from '../OutlinedIconChip';

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

const useStyles = makeIconChipStyles<CheckStatus>(theme => ({
  fail: theme.palette.status.error,
  pass: theme.palette.status.ok,
  error: theme.palette.status.warning,
  exempt: theme.palette.info.main,
  skip: theme.palette.text.secondary,
}));

/** A check result's status, with an icon so it does not rely on colour. */
export function StatusChip(props: { status: CheckStatus }) {
  const { status } = props;
  const classes = useStyles();
  return (
    <OutlinedIconChip
      label={STATUS_LABELS[status]}
      icon={STATUS_ICONS[status]}
      className={classes[status]}
      iconClassName={classes.icon}
    />
  );
}
