import {
  SourcedObjectWithLine,
  WORKLOAD_KINDS,
  workloadKindOf,
} from '@prodready/backstage-plugin-readiness-common';
import { entityRefOf } from './entity';
import type { Inputs } from './inputs';
import { plural } from './plural';

const MAX_KINDS_NAMED = 5;

/** `12 CustomResourceDefinition, 3 ServiceMonitor and 2 more kinds`. */
function describeKinds(objects: readonly SourcedObjectWithLine[]): string {
  const counts = new Map<string, number>();
  for (const { object } of objects) {
    let kind = String(object.kind);
    // A workload kind in an API group the engine does not know is named
    // with its apiVersion: kinds are matched by group, not by name alone.
    if (WORKLOAD_KINDS.has(kind) && !workloadKindOf(object)) {
      kind = `${kind} (${String(object.apiVersion)})`;
    }
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  const named = sorted
    .slice(0, MAX_KINDS_NAMED)
    .map(([kind, count]) => `${count} ${kind}`);
  const rest = sorted.length - named.length;
  return rest > 0
    ? `${named.join(', ')} and ${plural(rest, 'more kind')}`
    : named.join(', ');
}

/**
 * Why an input held no workload, in words a user can act on: no manifest
 * files, everything excluded, only CRDs or other non-workload kinds, only a
 * kustomization's patches, only catalog entities...
 */
export function explainNothingEvaluated(
  paths: readonly string[],
  inputs: Inputs,
  stdinName: string,
): string {
  return explain(paths, inputs, stdinName, true);
}

/**
 * Why an input held no Kubernetes object (a cluster dump): no files,
 * everything excluded, only documents that are not Kubernetes objects.
 */
export function explainNoObjects(
  paths: readonly string[],
  inputs: Inputs,
  stdinName: string,
): string {
  return explain(paths, inputs, stdinName, false);
}

function explain(
  paths: readonly string[],
  inputs: Inputs,
  stdinName: string,
  manifests: boolean,
): string {
  const where = paths
    .map(argument => (argument === '-' ? stdinName : argument))
    .join(', ');
  const extras: string[] = [];
  if (inputs.excluded > 0) {
    extras.push(`${plural(inputs.excluded, 'path')} left out by --exclude`);
  }
  if (inputs.patches.length > 0) {
    extras.push(
      `${plural(inputs.patches.length, 'Kustomize patch file')} not evaluated`,
    );
  }
  if (inputs.unnamed.length > 0) {
    extras.push(
      `${plural(
        inputs.unnamed.length,
        'file',
      )} beside a kustomization that does not name them`,
    );
  }
  const suffix = extras.length > 0 ? ` (${extras.join('; ')})` : '';

  if (inputs.files.length === 0) {
    if (inputs.excluded > 0 && inputs.patches.length === 0) {
      return `every manifest in ${where} was left out by --exclude (${plural(
        inputs.excluded,
        'path',
      )})`;
    }
    if (inputs.patches.length > 0) {
      return `only Kustomize patches in ${where} (${plural(
        inputs.patches.length,
        'file',
      )}), which are evaluated through their kustomization`;
    }
    return `no manifest files (.yaml, .yml, .json) in ${where}${suffix}`;
  }
  const files = plural(inputs.files.length, 'file');
  const rendered =
    inputs.rendered.length > 0
      ? `; kustomizations rendered: ${inputs.rendered
          .map(k => k.directory)
          .join(', ')}`
      : '';
  if (inputs.objects.length === 0) {
    if (manifests && inputs.entities.length > 0) {
      return `only catalog entities (${inputs.entities
        .map(entityRefOf)
        .join(', ')}) in ${where}; give the service's manifests too${suffix}`;
    }
    const ignored = inputs.notes.filter(
      note => note.reason === 'not-kubernetes',
    ).length;
    const documents =
      ignored === 1
        ? '1 document that is not a Kubernetes object'
        : `${ignored} documents that are not Kubernetes objects`;
    return `no Kubernetes objects in the ${files} read from ${where}${
      ignored > 0 ? ` (${documents})` : ''
    }${rendered}${suffix}`;
  }
  return `no workload among the ${plural(
    inputs.objects.length,
    'object',
  )} read from ${where}, only ${describeKinds(
    inputs.objects,
  )}${rendered}${suffix}; a workload is a Deployment, StatefulSet, DaemonSet, Job, CronJob, ReplicaSet, ReplicationController, Pod, Argo Rollout or OpenShift DeploymentConfig`;
}
