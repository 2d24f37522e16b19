/**
 * Recognises workloads (objects with a pod template) and extracts what the
 * checks need: the pod template, its labels, its containers and the field
 * paths that findings point at.
 */
import { KubeObject, SourcedObject } from '../types';
import { asArray, asRecord, toLabelMap } from '../util/guards';

/** Kinds the engine evaluates as workloads. @public */
export type WorkloadKind =
  | 'Deployment'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'Job'
  | 'CronJob'
  | 'ReplicaSet'
  | 'Pod'
  | 'Rollout';

/** Kinds that keep running and so need health probes and spreading. @public */
export const LONG_RUNNING_KINDS: ReadonlySet<string> = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Rollout',
  'ReplicaSet',
  'Pod',
]);

/** Kinds with a replica count. @public */
export const REPLICATED_KINDS: ReadonlySet<string> = new Set([
  'Deployment',
  'StatefulSet',
  'Rollout',
  'ReplicaSet',
]);

/** The namespace of objects that do not name one. @public */
export const DEFAULT_NAMESPACE = 'default';

// Core workload kinds live in these API groups ('' is the core group, `v1`).
// Other groups reuse the names (e.g. Volcano's `Job`), with other shapes.
const CORE_WORKLOAD_GROUPS: ReadonlySet<string> = new Set([
  '',
  'apps',
  'extensions',
  'batch',
]);

const CORE_WORKLOAD_KINDS: ReadonlySet<string> = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'ReplicaSet',
  'Pod',
]);

/** One container of a pod template, with the path findings use. */
export interface ContainerRef {
  /** The container object; `{}` when the manifest holds something else. */
  spec: Record<string, any>;
  /** The container's name, when it has one. */
  name?: string;
  /** Index within `containers` or `initContainers`. */
  index: number;
  /** True for `initContainers`. */
  init: boolean;
  /** Field path, e.g. `spec.template.spec.containers[1]`. */
  path: string;
}

/** A workload with its pod template extracted. */
export interface Workload {
  source: SourcedObject;
  object: KubeObject;
  kind: WorkloadKind;
  namespace: string;
  name: string;
  /** Workload `metadata.annotations`. */
  annotations: Record<string, unknown>;
  /** Pod template labels: what selectors are matched against. */
  podLabels: Record<string, string>;
  /** Pod template annotations. */
  podAnnotations: Record<string, unknown>;
  /** The pod spec; `{}` when absent or malformed. */
  podSpec: Record<string, any>;
  /** Path of the pod spec, e.g. `spec.template.spec`. */
  podSpecPath: string;
  /** `spec.containers`. */
  appContainers: ContainerRef[];
  /** `spec.containers` followed by `spec.initContainers`. */
  allContainers: ContainerRef[];
  longRunning: boolean;
  replicated: boolean;
}

/** The API group of an `apiVersion` (`apps/v1` → `apps`, `v1` → ''). */
export function apiGroupOf(apiVersion: unknown): string | undefined {
  if (apiVersion === undefined || apiVersion === null) return undefined;
  if (typeof apiVersion !== 'string') return undefined;
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** True when an owner reference marks the object as managed by a controller. */
export function hasControllerOwner(object: KubeObject): boolean {
  const metadata = asRecord(object.metadata);
  for (const reference of asArray(metadata?.ownerReferences)) {
    if (asRecord(reference)?.controller === true) return true;
  }
  return false;
}

/**
 * The workload kind of an object, or undefined when it is not one the engine
 * evaluates. ReplicaSets and Pods owned by a controller are left to their
 * controller; Rollouts must come from Argo (`argoproj.io/*`).
 * @public
 */
export function workloadKindOf(object: KubeObject): WorkloadKind | undefined {
  const kind = object.kind;
  if (typeof kind !== 'string') return undefined;
  const group = apiGroupOf(object.apiVersion);
  if (kind === 'Rollout') {
    return group === 'argoproj.io' ? 'Rollout' : undefined;
  }
  if (!CORE_WORKLOAD_KINDS.has(kind)) return undefined;
  if (group !== undefined && !CORE_WORKLOAD_GROUPS.has(group)) return undefined;
  if ((kind === 'Pod' || kind === 'ReplicaSet') && hasControllerOwner(object)) {
    return undefined;
  }
  return kind as WorkloadKind;
}

/** Where a kind keeps its pod template, as field paths. */
function templateLocation(kind: WorkloadKind): {
  templatePath: string[];
  podSpecPath: string;
} {
  switch (kind) {
    case 'Pod':
      return { templatePath: [], podSpecPath: 'spec' };
    case 'CronJob':
      return {
        templatePath: ['spec', 'jobTemplate', 'spec', 'template'],
        podSpecPath: 'spec.jobTemplate.spec.template.spec',
      };
    default:
      return {
        templatePath: ['spec', 'template'],
        podSpecPath: 'spec.template.spec',
      };
  }
}

function containerRefs(
  list: unknown,
  init: boolean,
  podSpecPath: string,
): ContainerRef[] {
  const field = init ? 'initContainers' : 'containers';
  const refs: ContainerRef[] = [];
  const items = asArray(list);
  for (let index = 0; index < items.length; index++) {
    const spec = asRecord(items[index]) ?? {};
    refs.push({
      spec,
      name: typeof spec.name === 'string' && spec.name ? spec.name : undefined,
      index,
      init,
      path: `${podSpecPath}.${field}[${index}]`,
    });
  }
  return refs;
}

/** Name of an object, or its `generateName`, or ''. */
export function objectName(object: KubeObject): string {
  const metadata = asRecord(object.metadata);
  if (typeof metadata?.name === 'string') return metadata.name;
  if (typeof metadata?.generateName === 'string') return metadata.generateName;
  return '';
}

/** Namespace of an object, or the default one. */
export function objectNamespace(
  object: KubeObject,
  defaultNamespace: string,
): string {
  const namespace = asRecord(object.metadata)?.namespace;
  return typeof namespace === 'string' && namespace.length > 0
    ? namespace
    : defaultNamespace;
}

/**
 * Extracts the workload view of an object, or returns undefined when the
 * object is not a workload.
 */
export function toWorkload(
  source: SourcedObject,
  defaultNamespace: string = DEFAULT_NAMESPACE,
): Workload | undefined {
  const object = asRecord(source?.object) as KubeObject | undefined;
  if (!object) return undefined;
  const kind = workloadKindOf(object);
  if (!kind) return undefined;

  const { templatePath, podSpecPath } = templateLocation(kind);
  let template: Record<string, any> | undefined = object;
  for (const segment of templatePath) {
    template = asRecord(template?.[segment]);
  }
  const templateMetadata = asRecord(template?.metadata);
  const podSpec = asRecord(template?.spec) ?? {};
  const appContainers = containerRefs(podSpec.containers, false, podSpecPath);
  const initContainers = containerRefs(
    podSpec.initContainers,
    true,
    podSpecPath,
  );

  return {
    source,
    object,
    kind,
    namespace: objectNamespace(object, defaultNamespace),
    name: objectName(object),
    annotations: asRecord(asRecord(object.metadata)?.annotations) ?? {},
    podLabels: toLabelMap(templateMetadata?.labels),
    podAnnotations: asRecord(templateMetadata?.annotations) ?? {},
    podSpec,
    podSpecPath,
    appContainers,
    allContainers:
      initContainers.length > 0
        ? appContainers.concat(initContainers)
        : appContainers,
    longRunning: LONG_RUNNING_KINDS.has(kind),
    replicated: REPLICATED_KINDS.has(kind),
  };
}

/** True when the workload keeps data in persistent volumes. */
export function isStateful(workload: Workload): boolean {
  const spec = asRecord(workload.object.spec);
  if (asArray(spec?.volumeClaimTemplates).length > 0) return true;
  for (const volume of asArray(workload.podSpec.volumes)) {
    if (asRecord(asRecord(volume)?.persistentVolumeClaim)) return true;
  }
  return false;
}
