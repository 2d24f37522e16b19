import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import type { CreateCSSProperties } from '@material-ui/core/styles/withStyles';
import type { ComponentType } from 'react';

/**
 * Styles for the chips of one set of values (check statuses, campaign
 * statuses), one static class per value in its colour and an `icon` class.
 * Static classes rather than styles computed per chip: a long list renders
 * many chips, and per-instance styles are slow.
 */
export function makeIconChipStyles<Value extends string>(
  colors: (theme: Theme) => Readonly<Record<Value, string>>,
) {
  return makeStyles<Theme, {}, Value | 'icon'>(theme => {
    const rules: Record<string, CreateCSSProperties> = { icon: {} };
    for (const [value, color] of Object.entries<string>(colors(theme))) {
      rules[value] = { color, borderColor: color, '& $icon': { color } };
    }
    return rules as Record<Value | 'icon', CreateCSSProperties>;
  });
}

/** An outlined chip with an icon, so that what it says does not rely on colour. */
export function OutlinedIconChip(props: {
  label: string;
  icon: ComponentType<{ className?: string }>;
  /** The value's class and the icon's, from {@link makeIconChipStyles}. */
  className: string;
  iconClassName: string;
}) {
  const { label, icon: Icon, className, iconClassName } = props;
  return (
    <Chip
      variant="outlined"
      size="small"
      className={className}
      icon={<Icon className={iconClassName} />}
      label={label}
    />
  );
}
