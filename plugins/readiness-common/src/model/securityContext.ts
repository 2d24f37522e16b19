/**
 * Security settings of a container. Settings that exist at both levels in
 * Kubernetes (runAsNonRoot, runAsUser, seccompProfile) are read as effective
 * values: the container's `securityContext` value, else the pod's, else the
 * Kubernetes default (reported as undefined). Settings that Kubernetes only
 * has on containers (allowPrivilegeEscalation, privileged,
 * readOnlyRootFilesystem, capabilities) are read from the container alone:
 * a pod-level copy is dropped by the API server and changes nothing at
 * runtime, so trusting it would be a false pass.
 *
 * Values and paths are separate calls so that the common, passing case
 * allocates nothing; the path is only built for a finding.
 */
import { asRecord } from '../util/guards';
import { ContainerRef, Workload } from './workloads';

/** A field under `securityContext`, e.g. `['seccompProfile', 'type']`. */
export type SecurityField = readonly string[];

function readPath(record: unknown, field: SecurityField): unknown {
  let current: unknown = record;
  for (const segment of field) {
    current = asRecord(current)?.[segment];
    if (current === undefined || current === null) return undefined;
  }
  return current;
}

/** The container's own value, or undefined. */
export function containerValue(
  container: ContainerRef,
  field: SecurityField,
): unknown {
  return readPath(container.spec.securityContext, field);
}

/** The effective value: container, else pod, else undefined (the default). */
export function effectiveValue(
  workload: Workload,
  container: ContainerRef,
  field: SecurityField,
): unknown {
  const own = readPath(container.spec.securityContext, field);
  return own !== undefined
    ? own
    : readPath(workload.podSpec.securityContext, field);
}

/** Path of the container's setting, where a fix belongs. */
export function containerSettingPath(
  container: ContainerRef,
  field: SecurityField,
): string {
  return `${container.path}.securityContext.${field.join('.')}`;
}

/**
 * Path where the effective value comes from: the container's setting, else
 * the pod's when only the pod sets it, else the container's (unset) path.
 */
export function effectiveSettingPath(
  workload: Workload,
  container: ContainerRef,
  field: SecurityField,
): string {
  if (
    readPath(container.spec.securityContext, field) === undefined &&
    readPath(workload.podSpec.securityContext, field) !== undefined
  ) {
    return `${workload.podSpecPath}.securityContext.${field.join('.')}`;
  }
  return containerSettingPath(container, field);
}
