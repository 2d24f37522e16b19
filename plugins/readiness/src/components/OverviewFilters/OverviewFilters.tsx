import FormControlLabel from '@material-ui/core/FormControlLabel';
import InputAdornment from '@material-ui/core/InputAdornment';
import MenuItem from '@material-ui/core/MenuItem';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import SearchIcon from '@material-ui/icons/Search';
import type { ReadinessLevel } from '@prodready/backstage-plugin-readiness-common';
import { ChangeEvent } from 'react';
import { shortRefName } from '../../model/entityRefs';
import type { OverviewFilterValues } from '../../model/overviewFilters';
import { LEVEL_LABELS } from '../LevelChip';

const ANY = '';
const LEVELS: ReadinessLevel[] = ['gold', 'silver', 'bronze', 'none'];

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  select: { minWidth: 180 },
  search: { flex: '1 1 240px' },
}));

function RefSelect(props: {
  id: string;
  label: string;
  anyLabel: string;
  value?: string;
  options: string[];
  onChange: (value: string | undefined) => void;
}) {
  const classes = useStyles();
  // A value from the URL that the list lacks (yet) is still shown as chosen.
  const options =
    props.value && !props.options.includes(props.value)
      ? [props.value, ...props.options]
      : props.options;
  return (
    <TextField
      select
      id={props.id}
      variant="outlined"
      size="small"
      className={classes.select}
      label={props.label}
      value={props.value ?? ANY}
      onChange={(event: ChangeEvent<{ value: unknown }>) =>
        props.onChange((event.target.value as string) || undefined)
      }
    >
      <MenuItem value={ANY}>{props.anyLabel}</MenuItem>
      {options.map(option => (
        <MenuItem key={option} value={option}>
          {shortRefName(option)}
        </MenuItem>
      ))}
    </TextField>
  );
}

/**
 * Owner, system and level filters, a search field and a switch for the
 * entities whose cluster drifted from Git, above the table.
 */
export function OverviewFilters(props: {
  values: OverviewFilterValues;
  owners: string[];
  systems: string[];
  onChange: (values: OverviewFilterValues) => void;
}) {
  const { values, owners, systems, onChange } = props;
  const classes = useStyles();
  return (
    <div className={classes.root}>
      <TextField
        id="readiness-filter-search"
        variant="outlined"
        size="small"
        className={classes.search}
        label="Search"
        placeholder="Name, title, owner or system"
        value={values.search ?? ''}
        onChange={event =>
          onChange({ ...values, search: event.target.value || undefined })
        }
        InputProps={{
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon />
            </InputAdornment>
          ),
        }}
      />
      <RefSelect
        id="readiness-filter-owner"
        label="Owner"
        anyLabel="All owners"
        value={values.owner}
        options={owners}
        onChange={owner => onChange({ ...values, owner })}
      />
      <RefSelect
        id="readiness-filter-system"
        label="System"
        anyLabel="All systems"
        value={values.system}
        options={systems}
        onChange={system => onChange({ ...values, system })}
      />
      <TextField
        select
        id="readiness-filter-level"
        variant="outlined"
        size="small"
        className={classes.select}
        label="Level"
        value={values.level ?? ANY}
        onChange={event =>
          onChange({
            ...values,
            level: (event.target.value as ReadinessLevel) || undefined,
          })
        }
      >
        <MenuItem value={ANY}>All levels</MenuItem>
        {LEVELS.map(level => (
          <MenuItem key={level} value={level}>
            {LEVEL_LABELS[level]}
          </MenuItem>
        ))}
      </TextField>
      <FormControlLabel
        control={
          <Switch
            checked={values.drift ?? false}
            onChange={event =>
              onChange({ ...values, drift: event.target.checked || undefined })
            }
            color="primary"
          />
        }
        label="Only drifting"
      />
    </div>
  );
}
