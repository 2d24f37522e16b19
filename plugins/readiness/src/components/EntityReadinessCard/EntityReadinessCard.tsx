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
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import DriftIcon from '@material-ui/icons/SyncProblem';
import {
  clusterNameOfEntity,
  type ReadinessLevel,
} from '@prodready/backstage-plugin-readiness-common';
import { ReactNode, useEffect } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../../api';
import { useCurrentEntityTabLink } from '../../hooks';
import { loadEntityReadinessContent } from '../EntityReadinessContent/load';
import {
  buildCheckRows,
  type CheckRow,
  topFailingRows,
} from '../../model/checkRows';
import { workloadCount } from '../../model/drift';
import { buildPlatformRows } from '../../model/platform';
import { LevelChip } from '../LevelChip';
import { SeverityChip } from '../SeverityChip';

const TOP_FAILING = 3;

const useStyles = makeStyles(theme => ({
  gauge: { width: 96, flexShrink: 0 },
  failing: { gap: theme.spacing(1) },
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1) },
  drift: {
    color: theme.palette.status.warning,
    borderColor: theme.palette.status.warning,
    '& $driftIcon': { color: theme.palette.status.warning },
  },
  driftIcon: {},
}));

/** Score and level side by side, with the verdict; `badges` go by the level. */
function Headline(props: {
  score: number;
  level: ReadinessLevel;
  productionReady: boolean;
  badges?: ReactNode;
}) {
  const classes = useStyles();
  return (
    <Box display="flex" alignItems="center" gridGap={16}>
      <Box className={classes.gauge} aria-label={`Score ${props.score} of 100`}>
        <Gauge value={props.score} fractional={false} unit="" size="small" />
      </Box>
      <Box>
        <div className={classes.chips}>
          <LevelChip level={props.level} size="small" />
          {props.badges}
        </div>
        <Typography variant="subtitle1">
          {props.productionReady ? 'Production ready' : 'Not production ready'}
        </Typography>
      </Box>
    </Box>
  );
}

/** How many workloads run otherwise than Git says; the tab lists them. */
function DriftChip(props: { count: number }) {
  const classes = useStyles();
  return (
    <Chip
      variant="outlined"
      size="small"
      className={classes.drift}
      icon={<DriftIcon className={classes.driftIcon} />}
      label={`Drift: ${props.count}`}
      aria-label={`Drift: ${workloadCount(props.count)} differ from Git`}
    />
  );
}

/** The most severe failing rows, under a heading saying what they are. */
function FailingRows(props: {
  rows: CheckRow[];
  heading: string;
  none: string;
}) {
  const classes = useStyles();
  return (
    <>
      <Typography variant="overline" component="h3">
        {props.rows.length > 0 ? props.heading : props.none}
      </Typography>
      <List dense disablePadding>
        {props.rows.map(row => (
          <ListItem key={row.id} disableGutters className={classes.failing}>
            <SeverityChip severity={row.severity} />
            <ListItemText primary={row.title} secondary={row.message} />
          </ListItem>
        ))}
      </List>
    </>
  );
}

/** An entity scored on its workloads and catalog data. */
function ServiceCardBody(props: { entityRef: string; hasTab: boolean }) {
  const { entityRef, hasTab } = props;
  const readinessApi = useApi(readinessApiRef);
  const { value, loading, error } = useAsync(async () => {
    const [scorecard, definitions] = await Promise.all([
      readinessApi.getScorecard(entityRef),
      readinessApi.getChecks(),
    ]);
    return { scorecard, definitions };
  }, [readinessApi, entityRef]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value?.scorecard) {
    return (
      <Typography color="textSecondary">
        {hasTab
          ? "Not evaluated yet. The scorecard appears after the backend's next run, or evaluate it now from the Readiness tab."
          : "Not evaluated yet. The scorecard appears after the backend's next run."}
      </Typography>
    );
  }
  const { scorecard, definitions } = value;
  const drifting = scorecard.drift?.length ?? 0;
  return (
    <>
      <Headline
        {...scorecard}
        badges={drifting > 0 && <DriftChip count={drifting} />}
      />
      <FailingRows
        rows={topFailingRows(
          buildCheckRows(scorecard.report, definitions),
          TOP_FAILING,
        )}
        heading="Top failing checks"
        none="No failing checks"
      />
    </>
  );
}

/** A cluster's entity: the platform readiness of the cluster. */
function ClusterCardBody(props: { cluster: string }) {
  const { cluster } = props;
  const readinessApi = useApi(readinessApiRef);
  const { value, loading, error } = useAsync(async () => {
    const [scorecard, definitions] = await Promise.all([
      readinessApi.getPlatformScorecard(cluster),
      readinessApi.getChecks(),
    ]);
    return { scorecard, definitions };
  }, [readinessApi, cluster]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value?.scorecard) {
    return (
      <Typography color="textSecondary">
        No platform scorecard for the cluster &quot;{cluster}&quot;: the
        readiness backend scores the clusters of its kubernetes configuration,
        and this one is not among them or not evaluated yet.
      </Typography>
    );
  }
  const { scorecard, definitions } = value;
  const rows = buildPlatformRows(scorecard.report, definitions);
  const missing = rows.filter(row => row.status === 'fail').length;
  return (
    <>
      <Headline {...scorecard} />
      {scorecard.stale && (
        <Typography variant="body2" color="textSecondary">
          Out of date: the latest read of the cluster failed.
        </Typography>
      )}
      <FailingRows
        rows={topFailingRows(rows, TOP_FAILING)}
        heading={`Missing capabilities (${missing})`}
        none="No missing capabilities"
      />
    </>
  );
}

/**
 * A glance at the entity's readiness for its overview page: score, level,
 * the most severe failing checks (a cluster's missing capabilities), and
 * the way to the tab where the app has one for this entity.
 */
export function EntityReadinessCard() {
  const { entity } = useEntity();
  const tabLink = useCurrentEntityTabLink(entity);
  const cluster = clusterNameOfEntity(entity);

  // Whoever looks at the card may open the tab next: fetch its code now.
  useEffect(() => {
    if (!tabLink) return;
    loadEntityReadinessContent().catch(() => {
      // Only a head start; the tab loads it again when opened.
    });
  }, [tabLink]);

  return (
    <InfoCard
      title={cluster === undefined ? 'Readiness' : 'Platform readiness'}
      deepLink={
        tabLink ? { title: 'View readiness', link: tabLink } : undefined
      }
    >
      {cluster === undefined ? (
        <ServiceCardBody
          entityRef={stringifyEntityRef(entity)}
          hasTab={Boolean(tabLink)}
        />
      ) : (
        <ClusterCardBody cluster={cluster} />
      )}
    </InfoCard>
  );
}
