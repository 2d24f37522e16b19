import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import TrophyIcon from '@material-ui/icons/EmojiEvents';
import NoLevelIcon from '@material-ui/icons/RemoveCircleOutline';
import type { ReadinessLevel } from '@prodready/backstage-plugin-readiness-common';

export const LEVEL_LABELS: Readonly<Record<ReadinessLevel, string>> = {
  gold: 'Gold',
  silver: 'Silver',
  bronze: 'Bronze',
  none: 'No level',
};

/** Theme colours, so the badge reads in light and dark themes alike. */
export function levelColor(theme: Theme, level: ReadinessLevel): string {
  switch (level) {
    case 'gold':
      return theme.palette.status.ok;
    case 'silver':
      return theme.palette.info.main;
    case 'bronze':
      return theme.palette.status.warning;
    default:
      return theme.palette.status.error;
  }
}

// Static classes per level: tables render one badge per row.
const useStyles = makeStyles(theme => {
  const colored = (level: ReadinessLevel) => ({
    color: levelColor(theme, level),
    borderColor: levelColor(theme, level),
    fontWeight: theme.typography.fontWeightBold as number,
    '& $icon': { color: levelColor(theme, level) },
  });
  return {
    icon: {},
    gold: colored('gold'),
    silver: colored('silver'),
    bronze: colored('bronze'),
    none: colored('none'),
  };
});

/** The readiness level as a badge: gold, silver, bronze or no level. */
export function LevelChip(props: {
  level: ReadinessLevel;
  size?: 'small' | 'medium';
}) {
  const { level, size = 'medium' } = props;
  const classes = useStyles();
  const Icon = level === 'none' ? NoLevelIcon : TrophyIcon;
  return (
    <Chip
      variant="outlined"
      size={size}
      className={classes[level]}
      icon={<Icon className={classes.icon} />}
      label={LEVEL_LABELS[level]}
      aria-label={`Level: ${LEVEL_LABELS[level]}`}
    />
  );
}
