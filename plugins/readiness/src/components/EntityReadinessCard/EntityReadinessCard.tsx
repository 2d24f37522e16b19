import {
  Gauge,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useEffect } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../../api';
import { useCurrentEntityTabLink } from '../../hooks';
import { loadEntityReadinessContent } from '../EntityReadinessContent/load';
import { buildCheckRows, topFailingRows } from '../../model/checkRows';
import { LevelChip } from '../LevelChip';
import { SeverityChip } from '../SeverityChip';

const TOP_FAILING = 3;

const useStyles = makeStyles(theme => ({
  gauge: { width: 96, flexShrink: 0 },
  failing: { gap: theme.spacing(1) },
}));

/**
 * A glance at the entity's readiness for its overview page: score, level,
 * the most severe failing checks, and the way to the tab where the app has
 * one for this entity.
 */
export function EntityReadinessCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const tabLink = useCurrentEntityTabLink(entity);
  const readinessApi = useApi(readinessApiRef);
  const { value, loading, error } = useAsync(async () => {
    const [scorecard, definitions] = await Promise.all([
      readinessApi.getScorecard(entityRef),
      readinessApi.getChecks(),
    ]);
    return { scorecard, definitions };
  }, [readinessApi, entityRef]);

  // Whoever looks at the card may open the tab next: fetch its code now.
  useEffect(() => {
    if (!tabLink) return;
    loadEntityReadinessContent().catch(() => {
      // Only a head start; the tab loads it again when opened.
    });
  }, [tabLink]);

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value?.scorecard) {
    content = (
      <Typography color="textSecondary">
        {tabLink
          ? "Not evaluated yet. The scorecard appears after the backend's next run, or evaluate it now from the Readiness tab."
          : "Not evaluated yet. The scorecard appears after the backend's next run."}
      </Typography>
    );
  } else {
    const { scorecard, definitions } = value;
    const failing = topFailingRows(
      buildCheckRows(scorecard.report, definitions),
      TOP_FAILING,
    );
    content = (
      <>
        <Box display="flex" alignItems="center" gridGap={16}>
          <Box className={classes.gauge}>
            <Gauge
              value={scorecard.score}
              fractional={false}
              unit=""
              size="small"
            />
          </Box>
          <Box>
            <LevelChip level={scorecard.level} size="small" />
            <Typography variant="subtitle1">
              {scorecard.productionReady
                ? 'Production ready'
                : 'Not production ready'}
            </Typography>
          </Box>
        </Box>
        <Typography variant="overline" component="h3">
          {failing.length > 0 ? 'Top failing checks' : 'No failing checks'}
        </Typography>
        <List dense disablePadding>
          {failing.map(row => (
            <ListItem key={row.id} disableGutters className={classes.failing}>
              <SeverityChip severity={row.severity} />
              <ListItemText primary={row.title} secondary={row.message} />
            </ListItem>
          ))}
        </List>
      </>
    );
  }

  return (
    <InfoCard
      title="Readiness"
      deepLink={
        tabLink ? { title: 'View readiness', link: tabLink } : undefined
      }
    >
      {content}
    </InfoCard>
  );
}
