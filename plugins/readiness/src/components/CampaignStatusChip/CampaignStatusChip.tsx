import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import OverdueIcon from '@material-ui/icons/Alarm';
import CompletedIcon from '@material-ui/icons/DoneAll';
import RunningIcon from '@material-ui/icons/PlayCircleOutline';
import ScheduledIcon from '@material-ui/icons/Schedule';
import type { CampaignStatus } from '@prodready/backstage-plugin-readiness-common';
import { CAMPAIGN_STATUS_LABELS } from '../../model/campaigns';

const ICONS = {
  scheduled: ScheduledIcon,
  running: RunningIcon,
  overdue: OverdueIcon,
  completed: CompletedIcon,
};

const useStyles = makeStyles(theme => {
  const colored = (color: string) => ({
    color,
    borderColor: color,
    '& $icon': { color },
  });
  return {
    icon: {},
    scheduled: colored(theme.palette.text.secondary),
    running: colored(theme.palette.info.main),
    overdue: colored(theme.palette.status.error),
    completed: colored(theme.palette.status.ok),
  };
});

/** Where a campaign is in its life, with an icon so it does not rely on colour. */
export function CampaignStatusChip(props: { status: CampaignStatus }) {
  const { status } = props;
  const classes = useStyles();
  const Icon = ICONS[status];
  return (
    <Chip
      variant="outlined"
      size="small"
      className={classes[status]}
      icon={<Icon className={classes.icon} />}
      label={CAMPAIGN_STATUS_LABELS[status]}
    />
  );
}
