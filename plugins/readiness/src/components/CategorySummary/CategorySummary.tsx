import { LinearGauge } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { CategoryGroup } from '../../model/checkRows';
import { categoryTitle } from '../../model/categories';

const useStyles = makeStyles({
  list: { listStyle: 'none', padding: 0 },
});

/** Each category with how many of its checks pass, worst categories first. */
export function CategorySummary(props: { groups: CategoryGroup[] }) {
  const { groups } = props;
  const classes = useStyles();
  return (
    <Grid container spacing={2} component="ul" className={classes.list}>
      {groups.map(group => (
        <Grid
          item
          xs={12}
          sm={6}
          key={group.category}
          component="li"
          aria-label={`${categoryTitle(group.category)}: ${group.passing} of ${
            group.evaluated
          } checks passing`}
        >
          <Typography variant="subtitle2">
            {categoryTitle(group.category)}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {group.evaluated === 0
              ? 'No check applies'
              : `${group.passing} of ${group.evaluated} passing`}
            {group.failing > 0 && ` · ${group.failing} failing`}
          </Typography>
          {group.evaluated > 0 && (
            <LinearGauge value={group.passing / group.evaluated} />
          )}
        </Grid>
      ))}
    </Grid>
  );
}
