import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  AppliedExemption,
  CheckResult,
  ObjectRef,
} from '@prodready/backstage-plugin-readiness-common';
import {
  CheckOccurrence,
  compareStatus,
  describeTarget,
} from '../../model/checkRows';
import { StatusChip } from '../StatusChip';

const EXEMPTION_SOURCES: Record<AppliedExemption['source'], string> = {
  workload: 'the workload',
  'pod-template': 'the pod template',
  entity: 'the catalog entity',
  config: 'the portal configuration',
};

const useStyles = makeStyles(theme => ({
  item: {
    display: 'block',
    paddingLeft: 0,
    paddingRight: 0,
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  heading: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  findings: { margin: theme.spacing(0.5, 0, 0), paddingLeft: theme.spacing(3) },
  path: {
    fontFamily: 'monospace',
    backgroundColor: theme.palette.action.hover,
    padding: theme.spacing(0, 0.5),
    borderRadius: theme.shape.borderRadius,
    wordBreak: 'break-all',
  },
  ignored: { color: theme.palette.status.warning },
}));

function ExemptionNote(props: { exemption: AppliedExemption }) {
  const { reason, until, source, configKey } = props.exemption;
  return (
    <Typography variant="body2">
      Exempt: {reason} ({until ? `until ${until}` : 'no expiry'}, declared on{' '}
      {EXEMPTION_SOURCES[source] ?? source}
      {configKey ? `, ${configKey}` : ''})
    </Typography>
  );
}

/**
 * The object a finding is about when it is not the subject, e.g. the
 * Namespace a platform check found lacking: `Namespace shop`.
 */
function describeObject(object: ObjectRef): string {
  const name = object.namespace
    ? `${object.namespace}/${object.name}`
    : object.name;
  return `${object.kind} ${name}`;
}

function Findings(props: { result: CheckResult }) {
  const classes = useStyles();
  const { findings } = props.result;
  if (!findings?.length) return null;
  return (
    <ul className={classes.findings}>
      {findings.map((finding, index) => (
        <li key={index}>
          <Typography variant="body2">
            {finding.object && <>{describeObject(finding.object)}: </>}
            {finding.container && <>Container {finding.container}: </>}
            <code className={classes.path}>{finding.path}</code>{' '}
            {finding.message}
          </Typography>
        </li>
      ))}
    </ul>
  );
}

/**
 * Where a check was evaluated and what it found there: failing workloads
 * first, with their containers and the field paths to change.
 */
export function CheckOccurrences(props: { occurrences: CheckOccurrence[] }) {
  const classes = useStyles();
  const ordered = [...props.occurrences].sort((a, b) =>
    compareStatus(a.result.status, b.result.status),
  );
  return (
    <List dense disablePadding>
      {ordered.map(({ target, result }, index) => (
        <ListItem key={index} className={classes.item}>
          <div className={classes.heading}>
            <StatusChip status={result.status} />
            <Typography variant="subtitle2" component="span">
              {describeTarget(target)}
            </Typography>
            {target.cluster && (
              <Typography variant="caption" color="textSecondary">
                cluster {target.cluster}
              </Typography>
            )}
          </div>
          <Typography variant="body2" color="textSecondary">
            {result.message}
          </Typography>
          <Findings result={result} />
          {result.exemption && <ExemptionNote exemption={result.exemption} />}
          {result.exemptionIgnored && (
            <Typography variant="body2" className={classes.ignored}>
              An exemption was ignored: {result.exemptionIgnored}
            </Typography>
          )}
        </ListItem>
      ))}
    </List>
  );
}
