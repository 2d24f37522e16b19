import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import { categoryTitle } from '../../model/categories';
import type { CheckDocsLink } from '../../model/checkDocs';
import type { CategoryGroup } from '../../model/checkRows';
import { CheckAccordion } from '../CheckAccordion';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    justifyContent: 'flex-end',
    marginBottom: theme.spacing(1),
  },
  category: { marginBottom: theme.spacing(3) },
  categoryTitle: {
    display: 'flex',
    alignItems: 'baseline',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
}));

/**
 * Every check of the scorecard, grouped by category (see `groupByCategory`),
 * failing checks first, with a switch to hide everything that is fine.
 */
export function CheckList(props: {
  groups: CategoryGroup[];
  docsLink: CheckDocsLink;
}) {
  const { groups, docsLink } = props;
  const classes = useStyles();
  const [failingOnly, setFailingOnly] = useState(false);
  // Counts come from every row, so "3 of 5 passing" stays true when filtered.
  const visibleGroups = groups
    .map(group => ({
      ...group,
      rows: failingOnly
        ? group.rows.filter(row => row.status === 'fail')
        : group.rows,
    }))
    .filter(group => group.rows.length > 0);

  return (
    <div>
      <div className={classes.toolbar}>
        <FormControlLabel
          control={
            <Switch
              checked={failingOnly}
              onChange={event => setFailingOnly(event.target.checked)}
              color="primary"
            />
          }
          label="Failing only"
        />
      </div>
      {visibleGroups.length === 0 && (
        <Typography color="textSecondary">
          {failingOnly
            ? 'No check is failing. Nothing to fix right now.'
            : 'The scorecard has no check results.'}
        </Typography>
      )}
      {visibleGroups.map(group => (
        <section
          key={group.category}
          className={classes.category}
          aria-label={categoryTitle(group.category)}
        >
          <div className={classes.categoryTitle}>
            <Typography variant="h6" component="h3">
              {categoryTitle(group.category)}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              {group.passing} of {group.evaluated} passing
            </Typography>
          </div>
          {group.rows.map(row => (
            <CheckAccordion key={row.id} row={row} docsLink={docsLink} />
          ))}
        </section>
      ))}
    </div>
  );
}
