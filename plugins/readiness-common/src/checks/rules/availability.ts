/** Rules of the availability category: replicas, disruption, spreading. */
import { Finding } from '../../types';
import { asArray, asRecord, toInteger } from '../../util/guards';
import { RelatedObject } from '../../model/relationIndex';
import {
  constantPass,
  constantSkip,
  describeObject,
  fail,
  pass,
  relatedFinding,
  WorkloadRule,
} from './outcome';

const NOT_REPLICATED = constantSkip(
  'Only Deployments, StatefulSets, Rollouts, ReplicaSets, ReplicationControllers and DeploymentConfigs have a replica count.',
);
const NO_PDB = constantSkip('No PodDisruptionBudget selects the pods.');
const SINGLE_REPLICA = constantSkip(
  'Runs a single replica; spreading applies from 2 replicas.',
);
const SPREAD_CONSTRAINTS = constantPass(
  'The pod spec has topologySpreadConstraints.',
);
const ANTI_AFFINITY = constantPass('The pod spec has a podAntiAffinity rule.');
const NOT_AUTOSCALED_KIND = constantSkip(
  'Autoscaling applies to Deployments, StatefulSets and Rollouts.',
);
const NO_UPDATE_STRATEGY = constantSkip(
  'Update strategies apply to Deployments, StatefulSets, DaemonSets and DeploymentConfigs.',
);
const ROLLS_GRADUALLY = constantPass('Updates roll out gradually.');
const NOT_LONG_RUNNING = constantSkip(
  'Jobs and CronJobs run to completion; priority classes apply to long-running workloads.',
);
const IS_CONTROLLER = constantSkip(
  'The workload is a controller; only bare Pods and ReplicaSets fail this check.',
);

export const replicas: WorkloadRule = context => {
  if (!context.workload.replicated) return NOT_REPLICATED;
  const effective = context.relations.effectiveReplicas;
  const minimum = context.config.minReplicas;
  const source =
    effective.from === 'hpa'
      ? `minReplicas of HorizontalPodAutoscaler/${effective.autoscaler}`
      : 'spec.replicas';
  if (effective.count >= minimum) {
    return pass(
      `Runs at least ${effective.count} replicas (${source}); the minimum is ${minimum}.`,
    );
  }
  const autoscaler = context.relations.autoscalers[0];
  return fail(
    `Runs ${effective.count} replica${
      effective.count === 1 ? '' : 's'
    } (${source}); the minimum is ${minimum}.`,
    [
      effective.from === 'hpa' && autoscaler
        ? relatedFinding(
            autoscaler.object,
            'spec.minReplicas',
            `Raise minReplicas of HorizontalPodAutoscaler/${effective.autoscaler} to at least ${minimum}.`,
          )
        : {
            path: 'spec.replicas',
            message: `Set spec.replicas to at least ${minimum}.`,
          },
    ],
  );
};

export const pdb: WorkloadRule = context => {
  if (!context.workload.replicated) return NOT_REPLICATED;
  const budgets = context.relations.pdbs;
  if (budgets.length > 0) {
    return pass(`Protected by ${budgets.map(describeObject).join(', ')}.`);
  }
  return fail(
    `No PodDisruptionBudget in namespace ${context.workload.namespace} selects the pods.`,
  );
};

const PERCENT = /^\s*(\d+)\s*%\s*$/;

/** An IntOrString budget value as a number or a whole percentage. */
function budgetValue(
  value: unknown,
): { percent: number } | { count: number } | undefined {
  if (typeof value === 'string') {
    const match = PERCENT.exec(value);
    if (match) return { percent: Number(match[1]) };
  }
  const count = toInteger(value);
  return count === undefined ? undefined : { count };
}

/**
 * A percentage of the replicas as the disruption controller computes it:
 * rounded up (`minAvailable: 67%` of 3 replicas is ceil(2.01) = 3 pods).
 */
function scaledUp(percent: number, replicaCount: number): number {
  return Math.ceil((percent * replicaCount) / 100);
}

/** Why a PDB blocks every eviction, or undefined when it allows one. */
function evictionBlocker(
  budget: RelatedObject,
  replicaCount: number,
): Finding | undefined {
  const spec = asRecord(budget.object.spec);
  const name = describeObject(budget);
  const maxUnavailable = budgetValue(spec?.maxUnavailable);
  if (maxUnavailable) {
    // Rounded up, any percentage above 0 lets at least one pod go.
    const allows =
      'percent' in maxUnavailable
        ? maxUnavailable.percent > 0
        : maxUnavailable.count >= 1;
    if (allows) return undefined;
    return relatedFinding(
      budget,
      'spec.maxUnavailable',
      `${name} sets maxUnavailable to 0, so no pod may ever be evicted.`,
    );
  }
  const minAvailable = budgetValue(spec?.minAvailable);
  if (!minAvailable) return undefined;
  const required =
    'percent' in minAvailable
      ? scaledUp(minAvailable.percent, replicaCount)
      : minAvailable.count;
  if (required < replicaCount) return undefined;
  const asked =
    'percent' in minAvailable
      ? `${minAvailable.percent}% of ${replicaCount} pods (rounded up: ${required})`
      : `${required} pods`;
  return relatedFinding(
    budget,
    'spec.minAvailable',
    `${name} requires ${asked} available but the workload runs ${replicaCount}, so no pod may be evicted.`,
  );
}

export const pdbAllowsEviction: WorkloadRule = context => {
  if (!context.workload.replicated) return NOT_REPLICATED;
  const budgets = context.relations.pdbs;
  if (budgets.length === 0) {
    return NO_PDB;
  }
  const replicaCount = context.relations.effectiveReplicas.count;
  const findings: Finding[] = [];
  for (const budget of budgets) {
    const blocker = evictionBlocker(budget, replicaCount);
    if (blocker) findings.push(blocker);
  }
  if (findings.length === 0) {
    return pass(
      `${budgets.map(describeObject).join(', ')} allow${
        budgets.length === 1 ? 's' : ''
      } at least one eviction.`,
    );
  }
  return fail(
    'A PodDisruptionBudget blocks every voluntary eviction, so node drains stall.',
    findings,
  );
};

export const podSpread: WorkloadRule = context => {
  if (!context.workload.replicated) return NOT_REPLICATED;
  const count = context.relations.effectiveReplicas.count;
  if (count < 2) return SINGLE_REPLICA;
  const spec = context.workload.podSpec;
  if (asArray(spec.topologySpreadConstraints).length > 0) {
    return SPREAD_CONSTRAINTS;
  }
  const antiAffinity = asRecord(asRecord(spec.affinity)?.podAntiAffinity);
  if (
    asArray(antiAffinity?.requiredDuringSchedulingIgnoredDuringExecution)
      .length > 0 ||
    asArray(antiAffinity?.preferredDuringSchedulingIgnoredDuringExecution)
      .length > 0
  ) {
    return ANTI_AFFINITY;
  }
  return fail(
    'Nothing keeps the replicas apart: no topologySpreadConstraints and no podAntiAffinity.',
    [
      {
        path: `${context.workload.podSpecPath}.topologySpreadConstraints`,
        message:
          'Add a topology spread constraint or a pod anti-affinity rule.',
      },
    ],
  );
};

const AUTOSCALED_KINDS: ReadonlySet<string> = new Set([
  'Deployment',
  'StatefulSet',
  'Rollout',
]);

export const autoscaling: WorkloadRule = context => {
  if (!AUTOSCALED_KINDS.has(context.workload.kind)) {
    return NOT_AUTOSCALED_KIND;
  }
  const autoscalers = context.relations.autoscalers;
  if (autoscalers.length === 0) {
    return fail('No HorizontalPodAutoscaler targets the workload.');
  }
  const findings: Finding[] = [];
  for (const autoscaler of autoscalers) {
    const name = describeObject(autoscaler.object);
    if (autoscaler.minReplicas < 2) {
      findings.push(
        relatedFinding(
          autoscaler.object,
          'spec.minReplicas',
          `${name} has minReplicas ${autoscaler.minReplicas}; use at least 2.`,
        ),
      );
    } else if (
      autoscaler.maxReplicas === undefined ||
      autoscaler.maxReplicas <= autoscaler.minReplicas
    ) {
      findings.push(
        relatedFinding(
          autoscaler.object,
          'spec.maxReplicas',
          `${name} leaves no room to scale: maxReplicas must be above minReplicas (${autoscaler.minReplicas}).`,
        ),
      );
    } else {
      return pass(
        `${name} scales between ${autoscaler.minReplicas} and ${autoscaler.maxReplicas} replicas.`,
      );
    }
  }
  return fail(
    'The HorizontalPodAutoscaler cannot keep redundancy and absorb load.',
    findings,
  );
};

export const rollingUpdate: WorkloadRule = context => {
  const { kind } = context.workload;
  const spec = asRecord(context.workload.object.spec);
  if (kind === 'Deployment') {
    const type = asRecord(spec?.strategy)?.type;
    return type === 'Recreate'
      ? fail(
          'The Deployment uses the Recreate strategy: every rollout is an outage.',
          [{ path: 'spec.strategy.type', message: 'Use RollingUpdate.' }],
        )
      : ROLLS_GRADUALLY;
  }
  if (kind === 'DeploymentConfig') {
    // OpenShift's strategies: Rolling (the default), Recreate and Custom.
    const type = asRecord(spec?.strategy)?.type;
    return type === 'Recreate'
      ? fail(
          'The DeploymentConfig uses the Recreate strategy: every rollout is an outage.',
          [{ path: 'spec.strategy.type', message: 'Use Rolling.' }],
        )
      : ROLLS_GRADUALLY;
  }
  if (kind === 'StatefulSet' || kind === 'DaemonSet') {
    const type = asRecord(spec?.updateStrategy)?.type;
    return type === 'OnDelete'
      ? fail(
          `The ${kind} uses the OnDelete strategy: pods only update when deleted by hand.`,
          [{ path: 'spec.updateStrategy.type', message: 'Use RollingUpdate.' }],
        )
      : ROLLS_GRADUALLY;
  }
  return NO_UPDATE_STRATEGY;
};

export const priorityClass: WorkloadRule = context => {
  if (!context.workload.longRunning) {
    return NOT_LONG_RUNNING;
  }
  const name = context.workload.podSpec.priorityClassName;
  if (typeof name === 'string' && name.trim()) {
    return pass(`The pods run with priority class ${name}.`);
  }
  return fail('The pod spec sets no priorityClassName.', [
    {
      path: `${context.workload.podSpecPath}.priorityClassName`,
      message: 'Set a priority class for production pods.',
    },
  ]);
};

export const controllerManaged: WorkloadRule = context => {
  const { kind } = context.workload;
  if (kind !== 'Pod' && kind !== 'ReplicaSet') {
    return IS_CONTROLLER;
  }
  return fail(
    `A bare ${kind} is not managed by a controller: it is not replaced when it fails${
      kind === 'ReplicaSet' ? ' and cannot roll out new versions' : ''
    }.`,
    [
      {
        path: 'kind',
        message: `Run the pods through a Deployment instead of a bare ${kind}.`,
      },
    ],
  );
};
