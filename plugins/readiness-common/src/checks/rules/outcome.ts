/**
 * What a rule returns, and small helpers to build it. The engine turns an
 * outcome into a `CheckResult` with the effective severity and exemptions.
 */
import { ReadinessConfig } from '../../config';
import { Finding } from '../../types';
import {
  RelationIndex,
  RelatedObject,
  relatedRef,
} from '../../model/relationIndex';
import { WorkloadRelations } from '../../model/workloadRelations';
import { ContainerRef, Workload } from '../../model/workloads';

/**
 * The verdict of one rule on one object. `error` means the check could not
 * be evaluated on this input (e.g. its pod template is not among the
 * inputs); the message says why.
 */
export interface Outcome {
  status: 'pass' | 'fail' | 'skip' | 'error';
  message: string;
  findings?: Finding[];
  /**
   * Set on module-level constant outcomes. Their results are identical for
   * every workload, so the engine builds one result per evaluation and
   * reuses it instead of allocating thousands of equal objects.
   */
  constant?: true;
}

/** Everything a workload rule may consult. */
export interface WorkloadContext {
  workload: Workload;
  relations: WorkloadRelations;
  index: RelationIndex;
  config: ReadinessConfig;
}

/** A check evaluated on a workload. */
export type WorkloadRule = (context: WorkloadContext) => Outcome;

/** A check evaluated on a non-workload object (Ingress, ConfigMap). */
export type ObjectRule = (object: RelatedObject) => Outcome;

export function pass(message: string): Outcome {
  return { status: 'pass', message };
}

export function skip(message: string): Outcome {
  return { status: 'skip', message };
}

export function fail(message: string, findings?: Finding[]): Outcome {
  return findings && findings.length > 0
    ? { status: 'fail', message, findings }
    : { status: 'fail', message };
}

/** The check could not be evaluated on this input; says why. */
export function error(message: string): Outcome {
  return { status: 'error', message };
}

/** A constant passing outcome; declare these at module level only. */
export function constantPass(message: string): Outcome {
  return Object.freeze({ status: 'pass', message, constant: true });
}

/** A constant skip outcome; declare these at module level only. */
export function constantSkip(message: string): Outcome {
  return Object.freeze({ status: 'skip', message, constant: true });
}

/** How a container is named in messages: its name, or its path. */
export function containerLabel(container: ContainerRef): string {
  return container.name ? `"${container.name}"` : container.path;
}

/** A finding about one container. */
export function containerFinding(
  container: ContainerRef,
  path: string,
  message: string,
): Finding {
  return container.name
    ? { path, message, container: container.name }
    : { path, message };
}

/** A constant error outcome; declare these at module level only. */
export function constantError(message: string): Outcome {
  return Object.freeze({ status: 'error', message, constant: true });
}

/** A finding about a field of a related object (a PDB, an HPA, ...). */
export function relatedFinding(
  related: RelatedObject,
  path: string,
  message: string,
): Finding {
  return { path, message, object: relatedRef(related) };
}

/**
 * Kubernetes rejects a pod without containers, so nothing about its
 * containers can be verified: an error, never a pass or a skip.
 */
export const NO_CONTAINERS = constantError(
  'The pod template has no containers (spec.containers is empty), so its containers cannot be checked.',
);

/**
 * Why the workload's containers cannot be checked, or undefined when they
 * can: the pod template is not among the inputs, or it has no containers.
 */
export function containersUnreadable(workload: Workload): Outcome | undefined {
  if (workload.templateError) return error(workload.templateError);
  return workload.hasContainers ? undefined : NO_CONTAINERS;
}

/**
 * Tests one container, pushing a finding for each problem. Declared at
 * module level (not inline) so evaluating a workload allocates no closures.
 */
export type ContainerTest = (
  container: ContainerRef,
  findings: Finding[],
  workload: Workload,
) => void;

// Reused between containers so passing containers allocate nothing. Safe
// because evaluation is synchronous and checkContainers does not nest.
const scratch: Finding[] = [];

/**
 * Runs a per-container test and summarises it: fail (with the `failed`
 * message) when any container has a finding, `passed` when none has, error
 * when the containers cannot be read (see {@link containersUnreadable}).
 */
export function checkContainers(
  workload: Workload,
  containers: readonly ContainerRef[],
  test: ContainerTest,
  passed: Outcome,
  failed: string,
): Outcome {
  const unreadable = containersUnreadable(workload);
  if (unreadable) return unreadable;
  if (containers.length === 0) return NO_CONTAINERS;
  let findings: Finding[] | undefined;
  for (const container of containers) {
    scratch.length = 0;
    test(container, scratch, workload);
    if (scratch.length > 0) {
      findings = findings ? findings.concat(scratch) : scratch.slice();
    }
  }
  scratch.length = 0;
  // The message stays constant; findings name each failing container.
  return findings ? { status: 'fail', message: failed, findings } : passed;
}

/** `Kind/name` of a related object, for messages. */
export function describeObject(object: RelatedObject): string {
  return `${object.kind}/${object.name}`;
}
