import { InfoCard } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ClusterIcon from '@material-ui/icons/Cloud';
import MatchIcon from '@material-ui/icons/CheckCircleOutline';
import {
  type DriftDifference,
  type WorkloadDrift,
  workloadDriftKey,
} from '@prodready/backstage-plugin-readiness-common';
import { useId } from 'react';
import { DRIFT_STATE_LABELS } from '../../model/drift';

const useStyles = makeStyles(theme => ({
  workload: {
    '& + &': {
      marginTop: theme.spacing(2),
      paddingTop: theme.spacing(2),
      borderTop: `1px solid ${theme.palette.divider}`,
    },
  },
  heading: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  // A workload that is missing on one side is the louder kind of drift.
  changed: {
    color: theme.palette.status.warning,
    borderColor: theme.palette.status.warning,
  },
  missing: {
    color: theme.palette.status.error,
    borderColor: theme.palette.status.error,
  },
  match: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    marginTop: theme.spacing(2),
  },
}));

/** "Git: 3 · live: 1"; a side that does not set the field says so. */
function GitAndLive(props: { difference: DriftDifference }) {
  const { git, live } = props.difference;
  return (
    <>
      Git: {git === undefined ? 'not set' : <code>{git}</code>} · live:{' '}
      {live === undefined ? 'not set' : <code>{live}</code>}
    </>
  );
}

function DriftingWorkload(props: { drift: WorkloadDrift }) {
  const { kind, name, namespace, cluster, state, differences } = props.drift;
  const classes = useStyles();
  const title = `${kind} ${name}`;
  return (
    <section className={classes.workload} aria-label={title}>
      <div className={classes.heading}>
        <Typography variant="subtitle1" component="h4">
          {title}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          namespace {namespace}
        </Typography>
        {cluster && (
          <Chip
            variant="outlined"
            size="small"
            icon={<ClusterIcon />}
            label={cluster}
            aria-label={`Cluster: ${cluster}`}
          />
        )}
        <Chip
          variant="outlined"
          size="small"
          className={state === 'changed' ? classes.changed : classes.missing}
          label={DRIFT_STATE_LABELS[state]}
        />
      </div>
      <List dense disablePadding>
        {differences.map((difference, index) => (
          <ListItem key={`${difference.field}:${index}`} disableGutters>
            <ListItemText
              primary={difference.message}
              // A whole workload missing on one side has no values to show.
              secondary={
                state === 'changed' &&
                (difference.git !== undefined ||
                  difference.live !== undefined) ? (
                  <GitAndLive difference={difference} />
                ) : undefined
              }
            />
          </ListItem>
        ))}
      </List>
    </section>
  );
}

/**
 * Where the workloads running in a cluster differ from their manifests in
 * Git: one group per drifting workload with each difference in the
 * backend's words, and the values on both sides.
 */
export function DriftFromGit(props: { drift: WorkloadDrift[] }) {
  // A landmark named by the card's title, so assistive technology can jump
  // to it.
  const titleId = useId();
  return (
    <section aria-labelledby={titleId}>
      <InfoCard
        title="Drift from Git"
        titleTypographyProps={{ id: titleId }}
        subheader="What runs in the cluster is not what Git declares. Apply the manifests from Git again, or change Git to say what should run."
      >
        {props.drift.map(drift => (
          <DriftingWorkload key={workloadDriftKey(drift)} drift={drift} />
        ))}
      </InfoCard>
    </section>
  );
}

/** Git and the cluster were compared and agree: worth a quiet line only. */
export function ClusterMatchesGit() {
  const classes = useStyles();
  return (
    <Typography variant="body2" color="textSecondary" className={classes.match}>
      <MatchIcon fontSize="inherit" />
      The cluster matches Git.
    </Typography>
  );
}
