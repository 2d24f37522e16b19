import OverdueIcon from '@material-ui/icons/Alarm';
import CompletedIcon from '@material-ui/icons/DoneAll';
import RunningIcon from '@material-ui/icons/PlayCircleOutline';
import ScheduledIcon from '@material-ui/icons/Schedule';
import type { CampaignStatus } from '@prodready/backstage-plugin-readiness-common';
import { CAMPAIGN_STATUS_LABELS } from '../../model/campaigns';
import { makeIconChipStyles, OutlinedIconChip } from '../OutlinedIconChip';

const ICONS = {
  scheduled: ScheduledIcon,
  running: RunningIcon,
  overdue: OverdueIcon,
  completed: CompletedIcon,
};

const useStyles = makeIconChipStyles<CampaignStatus>(theme => ({
  scheduled: theme.palette.text.secondary,
  running: theme.palette.info.main,
  overdue: theme.palette.status.error,
  completed: theme.palette.status.ok,
}));

/** Where a campaign is in its life, with an icon so it does not rely on colour. */
export function CampaignStatusChip(props: { status: CampaignStatus }) {
  const { status } = props;
  const classes = useStyles();
  return (
    <OutlinedIconChip
      label={CAMPAIGN_STATUS_LABELS[status]}
      icon={ICONS[status]}
      className={classes[status]}
      iconClassName={classes.icon}
    />
  );
}
