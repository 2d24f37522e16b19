import { Link } from '@backstage/core-components';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles } from '@material-ui/core/styles';
import StaleIcon from '@material-ui/icons/Warning';
import NoResultIcon from '@material-ui/icons/Remove';
import type {
  CheckStatus,
  PlatformClusterRow,
  PlatformOverview,
} from '@prodready/backstage-plugin-readiness-common';
import { useMemo, useState } from 'react';
import { useEntityTabLinks } from '../../hooks';
import { categoryTitle } from '../../model/categories';
import {
  buildMatrix,
  type MatrixGroup,
  type MatrixRow,
  missingCapabilities,
} from '../../model/platform';
import { LevelChip } from '../LevelChip';
import { SeverityChip } from '../SeverityChip';
import { STATUS_ICONS, STATUS_LABELS } from '../StatusChip';
import { TrendSparkline } from '../TrendSparkline';

/** The message of each check's result, by cluster and check id. */
export type ResultMessages = Record<string, Record<string, string>>;

const useStyles = makeStyles(theme => {
  const tinted = (color: string, background = false) => ({
    color,
    backgroundColor: background ? alpha(color, 0.14) : undefined,
  });
  return {
    table: { minWidth: 480 },
    toolbar: { display: 'flex', justifyContent: 'flex-end' },
    clusterHeader: { verticalAlign: 'bottom', minWidth: 140 },
    clusterFacts: {
      display: 'flex',
      flexDirection: 'column',
      alignItems: 'center',
      gap: theme.spacing(0.5),
    },
    legend: {
      display: 'flex',
      flexWrap: 'wrap',
      gap: theme.spacing(2),
      margin: theme.spacing(1, 0, 0),
      padding: 0,
      listStyle: 'none',
    },
    legendItem: {
      display: 'inline-flex',
      alignItems: 'center',
      gap: theme.spacing(0.5),
    },
    clusterName: { fontWeight: theme.typography.fontWeightBold as number },
    missing: {
      color: theme.palette.status.error,
      fontWeight: theme.typography.fontWeightBold as number,
    },
    complete: { color: theme.palette.status.ok },
    stale: {
      color: theme.palette.status.warning,
      display: 'inline-flex',
      alignItems: 'center',
      gap: theme.spacing(0.5),
    },
    category: { backgroundColor: theme.palette.background.default },
    categoryTitle: { fontWeight: theme.typography.fontWeightBold as number },
    capability: { minWidth: 240 },
    checkId: {
      fontFamily: 'monospace',
      color: theme.palette.text.secondary,
    },
    capabilityLine: {
      display: 'flex',
      alignItems: 'center',
      gap: theme.spacing(1),
      flexWrap: 'wrap',
    },
    cell: { textAlign: 'center' },
    fail: tinted(theme.palette.status.error, true),
    error: tinted(theme.palette.status.warning, true),
    exempt: tinted(theme.palette.info.main),
    pass: tinted(theme.palette.status.ok),
    skip: tinted(theme.palette.text.secondary),
    none: tinted(theme.palette.text.disabled),
  };
});

/** A cluster's column header: its verdict, trend and what it lacks. */
function ClusterHeader(props: { cluster: PlatformClusterRow }) {
  const { cluster } = props;
  const classes = useStyles();
  const tabLink = useEntityTabLinks();
  const missing = missingCapabilities(cluster).length;
  const name = cluster.title ?? cluster.cluster;
  return (
    <div className={classes.clusterFacts}>
      <Typography variant="subtitle1" className={classes.clusterName}>
        {cluster.entityRef ? (
          <Link to={tabLink(cluster.entityRef)}>{name}</Link>
        ) : (
          name
        )}
      </Typography>
      {cluster.title && (
        <Typography variant="caption" color="textSecondary">
          {cluster.cluster}
        </Typography>
      )}
      <LevelChip level={cluster.level} size="small" />
      <Typography
        variant="h6"
        component="p"
        aria-label={`Score ${cluster.score} of 100`}
      >
        {cluster.score}
      </Typography>
      <TrendSparkline points={cluster.trend} />
      <Typography
        variant="body2"
        className={missing > 0 ? classes.missing : classes.complete}
      >
        {missing === 0
          ? 'Nothing missing'
          : `${missing} missing ${
              missing === 1 ? 'capability' : 'capabilities'
            }`}
      </Typography>
      {cluster.stale && (
        <Tooltip
          title={
            cluster.staleReason ??
            'The latest read of the cluster failed: older results are shown.'
          }
        >
          <Typography variant="caption" className={classes.stale}>
            <StaleIcon fontSize="inherit" />
            Out of date
          </Typography>
        </Tooltip>
      )}
    </div>
  );
}

/** One cluster's status of one capability, with what was found. */
function StatusCell(props: {
  cluster: string;
  status?: CheckStatus;
  message?: string;
}) {
  const { cluster, status, message } = props;
  const classes = useStyles();
  const label = status ? STATUS_LABELS[status] : 'No result';
  const Icon = status ? STATUS_ICONS[status] : NoResultIcon;
  return (
    <TableCell className={`${classes.cell} ${classes[status ?? 'none']}`}>
      <Tooltip
        title={
          message ??
          (status
            ? label
            : 'Not evaluated on this cluster since the check was added.')
        }
      >
        <span role="img" aria-label={`${cluster}: ${label}`}>
          <Icon fontSize="small" />
        </span>
      </Tooltip>
    </TableCell>
  );
}

/** Rows some cluster fails or could not evaluate: the gaps to close. */
function onlyGaps(groups: MatrixGroup[]): MatrixGroup[] {
  return groups
    .map(group => ({
      ...group,
      rows: group.rows.filter(row =>
        row.statuses.some(status => status === 'fail' || status === 'error'),
      ),
    }))
    .filter(group => group.rows.length > 0);
}

const LEGEND: readonly CheckStatus[] = [
  'pass',
  'fail',
  'exempt',
  'error',
  'skip',
];

/** What the icons mean, for the first read. */
function Legend() {
  const classes = useStyles();
  return (
    <ul className={classes.legend} aria-label="Legend">
      {LEGEND.map(status => {
        const Icon = STATUS_ICONS[status];
        return (
          <li
            key={status}
            className={`${classes.legendItem} ${classes[status]}`}
          >
            <Icon fontSize="small" />
            <Typography variant="caption" color="textPrimary">
              {STATUS_LABELS[status]}
            </Typography>
          </li>
        );
      })}
    </ul>
  );
}

function CapabilityHeader(props: { row: MatrixRow }) {
  const { row } = props;
  const classes = useStyles();
  return (
    <TableCell component="th" scope="row" className={classes.capability}>
      <div className={classes.capabilityLine}>
        {row.definition && <SeverityChip severity={row.definition.severity} />}
        <Typography variant="body2">{row.title}</Typography>
      </div>
      <Typography variant="caption" className={classes.checkId}>
        {row.id}
      </Typography>
    </TableCell>
  );
}

/**
 * Capabilities × clusters: a row per platform check grouped by category, a
 * column per cluster headed by its level, score, trend and how many
 * capabilities it lacks. Failing cells are tinted so gaps stand out.
 */
export function PlatformMatrix(props: {
  overview: PlatformOverview;
  /** What each result says, shown on hover; absent while it loads. */
  messages?: ResultMessages;
}) {
  const { overview, messages } = props;
  const classes = useStyles();
  const allGroups = useMemo(() => buildMatrix(overview), [overview]);
  const [gapsOnly, setGapsOnly] = useState(false);
  const groups = gapsOnly ? onlyGaps(allGroups) : allGroups;
  const { clusters } = overview;

  return (
    <>
      <div className={classes.toolbar}>
        <FormControlLabel
          control={
            <Switch
              checked={gapsOnly}
              onChange={event => setGapsOnly(event.target.checked)}
              color="primary"
            />
          }
          label="Only gaps"
        />
      </div>
      {gapsOnly && groups.length === 0 && (
        <Typography color="textSecondary">
          No cluster lacks a capability, and every check could be evaluated.
        </Typography>
      )}
      <TableContainer>
        <Table
          size="small"
          className={classes.table}
          aria-label="Capabilities by cluster"
        >
          <TableHead>
            <TableRow>
              <TableCell>Capability</TableCell>
              {clusters.map(cluster => (
                <TableCell
                  key={cluster.cluster}
                  className={classes.clusterHeader}
                  align="center"
                >
                  <ClusterHeader cluster={cluster} />
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {groups.flatMap(group => [
              <TableRow key={`category ${group.category}`}>
                <TableCell
                  component="th"
                  scope="colgroup"
                  colSpan={clusters.length + 1}
                  className={classes.category}
                >
                  <Typography
                    variant="subtitle2"
                    component="h3"
                    className={classes.categoryTitle}
                  >
                    {categoryTitle(group.category)}
                  </Typography>
                </TableCell>
              </TableRow>,
              ...group.rows.map(row => (
                <TableRow key={row.id} aria-label={row.title}>
                  <CapabilityHeader row={row} />
                  {clusters.map((cluster, index) => (
                    <StatusCell
                      key={cluster.cluster}
                      cluster={cluster.cluster}
                      status={row.statuses[index]}
                      message={messages?.[cluster.cluster]?.[row.id]}
                    />
                  ))}
                </TableRow>
              )),
            ])}
          </TableBody>
        </Table>
      </TableContainer>
      <Legend />
    </>
  );
}
