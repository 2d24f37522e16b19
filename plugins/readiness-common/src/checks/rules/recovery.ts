/** Rules of the recovery category that apply to workloads. */
import { asRecord, toInteger } from '../../util/guards';
import { isStateful } from '../../model/workloads';
import {
  constantPass,
  constantSkip,
  describeObject,
  fail,
  pass,
  WorkloadRule,
} from './outcome';

const HISTORY_KINDS: ReadonlySet<string> = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Rollout',
  'DeploymentConfig',
]);

const NO_HISTORY = constantSkip(
  'Only Deployments, StatefulSets, DaemonSets, Rollouts and DeploymentConfigs keep rollout history.',
);
const DEFAULT_HISTORY = constantPass(
  'Rollout history is kept (default revisionHistoryLimit).',
);
const NOT_STATEFUL = constantSkip(
  'The workload keeps no data in persistent volumes.',
);

export const rollbackHistory: WorkloadRule = context => {
  const { kind } = context.workload;
  if (!HISTORY_KINDS.has(kind)) {
    return NO_HISTORY;
  }
  const limit = toInteger(
    asRecord(context.workload.object.spec)?.revisionHistoryLimit,
  );
  if (limit === 0) {
    return fail(
      'revisionHistoryLimit is 0: there is no revision to roll back to.',
      [
        {
          path: 'spec.revisionHistoryLimit',
          message: 'Keep at least one old revision.',
        },
      ],
    );
  }
  return limit === undefined
    ? DEFAULT_HISTORY
    : pass(`Rollout history keeps ${limit} revisions.`);
};

export const backupSchedule: WorkloadRule = context => {
  const { workload, index } = context;
  if (!isStateful(workload)) {
    return NOT_STATEFUL;
  }
  const schedule = index.backupScheduleFor(workload.namespace);
  if (schedule) {
    return pass(
      `Velero ${describeObject(schedule)} backs up namespace ${
        workload.namespace
      }.`,
    );
  }
  return fail(
    `The workload keeps persistent data but no Velero Schedule backs up namespace ${workload.namespace}.`,
  );
};
