/**
 * Recognises workloads (objects with a pod template) and extracts what the
 * checks need: the pod template, its labels, its containers and the field
 * paths that findings point at.
 */
import { KubeObject, ObjectRef, SourcedObject } from '../types';
import { asArray, asRecord, scalarToString, toLabelMap } from '../util/guards';
import { apiGroupOf, knownKindOf } from './kinds';

/** Kinds the engine evaluates as workloads. @public */
export type WorkloadKind =
  | 'Deployment'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'Job'
  | 'CronJob'
  | 'ReplicaSet'
  | 'ReplicationController'
  | 'Pod'
  | 'Rollout'
  | 'DeploymentConfig';

/** Kinds that keep running and so need health probes and spreading. @public */
export const LONG_RUNNING_KINDS: ReadonlySet<string> = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Rollout',
  'ReplicaSet',
  'ReplicationController',
  'DeploymentConfig',
  'Pod',
]);

/** Kinds with a replica count. @public */
export const REPLICATED_KINDS: ReadonlySet<string> = new Set([
  'Deployment',
  'StatefulSet',
  'Rollout',
  'ReplicaSet',
  'ReplicationController',
  'DeploymentConfig',
]);

/** The namespace of objects that do not name one. @public */
export const DEFAULT_NAMESPACE = 'default';

/** Every kind the engine evaluates as a workload (in its own API groups). @public */
export const WORKLOAD_KINDS: ReadonlySet<string> = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'ReplicaSet',
  'ReplicationController',
  'Pod',
  'Rollout',
  'DeploymentConfig',
]);

/**
 * Kinds that are left to their controller when one owns them: only bare
 * ones are workloads of their own. @public
 */
export const KINDS_LEFT_TO_CONTROLLERS: ReadonlySet<string> = new Set([
  'Pod',
  'ReplicaSet',
  'ReplicationController',
]);

/** The pod spec lists a container can come from. */
export type ContainerField =
  | 'containers'
  | 'initContainers'
  | 'ephemeralContainers';

/** One container of a pod template, with the path findings use. */
export interface ContainerRef {
  /** The container object; `{}` when the manifest holds something else. */
  spec: Record<string, any>;
  /** The container's name, when it has one. */
  name?: string;
  /** Index within its list. */
  index: number;
  /** The list it is in. */
  field: ContainerField;
  /** True for `initContainers` (native sidecars included). */
  init: boolean;
  /** Field path, e.g. `spec.template.spec.containers[1]`. */
  path: string;
}

/** Looks up an object of the input by namespace, kind and name. */
export type ObjectLookup = (
  namespace: string,
  kind: string,
  name: string,
) => SourcedObject | undefined;

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
  /** The pod template as read (`metadata`, `spec`); `{}` when absent. */
  podTemplate: Record<string, any>;
  /** The pod spec; `{}` when absent or malformed. */
  podSpec: Record<string, any>;
  /** Path of the pod spec, e.g. `spec.template.spec`. */
  podSpecPath: string;
  /**
   * `spec.containers` plus native sidecars (`initContainers` with
   * `restartPolicy: Always`), which run for the pod's whole life.
   */
  appContainers: ContainerRef[];
  /** `containers`, then every `initContainers`, then `ephemeralContainers`. */
  allContainers: ContainerRef[];
  /** True when `spec.containers` has at least one entry. */
  hasContainers: boolean;
  /**
   * The object that holds the pod template when it is not the workload
   * itself (an Argo Rollout's `spec.workloadRef`): field paths into the
   * template are paths in that object.
   */
  templateOwner?: ObjectRef;
  /** Path of the pod template in `templateOwner`, e.g. `spec.template`. */
  templatePath?: string;
  /**
   * Why the pod template cannot be read (a `workloadRef` to an object that
   * is not among the inputs); checks that need the template are `error`.
   */
  templateError?: string;
  longRunning: boolean;
  replicated: boolean;
}

export { apiGroupOf };

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
 * evaluates. Kinds are matched with their API group (a Volcano `Job` is not
 * a Job); Pods, ReplicaSets and ReplicationControllers owned by a controller
 * are left to their controller.
 * @public
 */
export function workloadKindOf(object: KubeObject): WorkloadKind | undefined {
  const kind = knownKindOf(object);
  if (kind === undefined || !WORKLOAD_KINDS.has(kind)) return undefined;
  if (KINDS_LEFT_TO_CONTROLLERS.has(kind) && hasControllerOwner(object)) {
    return undefined;
  }
  return kind as WorkloadKind;
}

/** Where a kind keeps its pod template: the field path, as segments and text. */
interface TemplatePath {
  segments: readonly string[];
  /** e.g. `spec.template`; '' for a Pod, which is its own template. */
  text: string;
  /** e.g. `spec.template.spec`. */
  podSpecPath: string;
}

function templatePath(segments: readonly string[]): TemplatePath {
  const text = segments.join('.');
  return { segments, text, podSpecPath: text ? `${text}.spec` : 'spec' };
}

// Built once: toWorkload runs for every workload of large clusters.
const POD_TEMPLATE = templatePath([]);
const CRONJOB_TEMPLATE = templatePath([
  'spec',
  'jobTemplate',
  'spec',
  'template',
]);
const SPEC_TEMPLATE = templatePath(['spec', 'template']);

/** Kinds a Rollout's `workloadRef` may name, and where their template is. */
const REFERENCED_TEMPLATE_PATHS: ReadonlyMap<string, TemplatePath> = new Map([
  ['Deployment', SPEC_TEMPLATE],
  ['ReplicaSet', SPEC_TEMPLATE],
  ['PodTemplate', templatePath(['template'])],
]);

/** Where a kind keeps its pod template. */
function templatePathOf(kind: WorkloadKind): TemplatePath {
  switch (kind) {
    case 'Pod':
      return POD_TEMPLATE;
    case 'CronJob':
      return CRONJOB_TEMPLATE;
    default:
      return SPEC_TEMPLATE;
  }
}

function readPath(
  object: Record<string, any> | undefined,
  path: readonly string[],
): Record<string, any> | undefined {
  let current = object;
  for (const segment of path) current = asRecord(current?.[segment]);
  return current;
}

const NO_CONTAINERS = Object.freeze([]) as unknown as ContainerRef[];

function containerRefs(
  list: unknown,
  field: ContainerField,
  podSpecPath: string,
): ContainerRef[] {
  const items = asArray(list);
  // Shared when empty (most pods have no init or ephemeral containers);
  // callers never modify these lists.
  if (items.length === 0) return NO_CONTAINERS;
  const refs: ContainerRef[] = [];
  for (let index = 0; index < items.length; index++) {
    const spec = asRecord(items[index]) ?? {};
    refs.push({
      spec,
      name: typeof spec.name === 'string' && spec.name ? spec.name : undefined,
      index,
      field,
      init: field === 'initContainers',
      path: `${podSpecPath}.${field}[${index}]`,
    });
  }
  return refs;
}

/** A native sidecar: an init container that keeps running (Kubernetes 1.29+). */
export function isNativeSidecar(container: ContainerRef): boolean {
  return container.init && container.spec.restartPolicy === 'Always';
}

/**
 * Name of an object; `<generateName>*` for an object named by
 * `generateName` only (the API server appends a random suffix); or ''.
 */
export function objectName(object: KubeObject): string {
  const metadata = asRecord(object.metadata);
  if (typeof metadata?.name === 'string' && metadata.name) return metadata.name;
  if (typeof metadata?.generateName === 'string' && metadata.generateName) {
    return `${metadata.generateName}*`;
  }
  return '';
}

/** `metadata.namespace` when the object names one, else undefined. */
export function declaredNamespace(object: KubeObject): string | undefined {
  const namespace = asRecord(object.metadata)?.namespace;
  return typeof namespace === 'string' && namespace.length > 0
    ? namespace
    : undefined;
}

/**
 * Namespace of an object, or the default one.
 *
 * @public
 */
export function objectNamespace(
  object: KubeObject,
  defaultNamespace: string,
): string {
  return declaredNamespace(object) ?? defaultNamespace;
}

/** The reference reports use for an object: identity and origin. */
export function objectRefOf(
  source: SourcedObject,
  kind: string,
  namespace: string,
  name: string,
): ObjectRef {
  const ref: ObjectRef = { kind, namespace, name };
  if (typeof source.file === 'string') ref.file = source.file;
  if (typeof source.cluster === 'string') ref.cluster = source.cluster;
  if (typeof source.source === 'string') ref.source = source.source;
  if (typeof source.line === 'number') ref.line = source.line;
  return ref;
}

/** Where a workload's pod template is, or why it cannot be read. */
interface TemplateLocation {
  template?: Record<string, any>;
  /** Field path of the template in the object that holds it. */
  path: TemplatePath;
  owner?: ObjectRef;
  error?: string;
}

/**
 * An Argo Rollout with `spec.workloadRef` (and no template of its own) takes
 * its pod template from the named Deployment, ReplicaSet or PodTemplate in
 * its namespace.
 */
function locateTemplate(
  object: KubeObject,
  kind: WorkloadKind,
  namespace: string,
  lookup: ObjectLookup | undefined,
): TemplateLocation {
  const spec = asRecord(object.spec);
  const reference = asRecord(spec?.workloadRef);
  if (kind !== 'Rollout' || !reference || asRecord(spec?.template)) {
    const path = templatePathOf(kind);
    return { template: readPath(object, path.segments), path };
  }
  const refKind = scalarToString(reference.kind) ?? '';
  const refName = scalarToString(reference.name) ?? '';
  const named = `${refKind || '(no kind)'}/${refName || '(no name)'}`;
  const path = REFERENCED_TEMPLATE_PATHS.get(refKind);
  const found =
    path && refName ? lookup?.(namespace, refKind, refName) : undefined;
  if (!path || !found) {
    return {
      path: SPEC_TEMPLATE,
      error: `The pod template is in ${named}, which is not among the inputs (spec.workloadRef).`,
    };
  }
  const owner = asRecord(found.object) as KubeObject;
  return {
    template: readPath(owner, path.segments),
    path,
    owner: objectRefOf(found, refKind, namespace, refName),
  };
}

/**
 * Extracts the workload view of an object, or returns undefined when the
 * object is not a workload. `lookup` finds the object a Rollout's
 * `workloadRef` names; without it such a Rollout's template is unreadable.
 */
export function toWorkload(
  source: SourcedObject,
  defaultNamespace: string = DEFAULT_NAMESPACE,
  lookup?: ObjectLookup,
): Workload | undefined {
  const object = asRecord(source?.object) as KubeObject | undefined;
  if (!object) return undefined;
  const kind = workloadKindOf(object);
  if (!kind) return undefined;

  const namespace = objectNamespace(object, defaultNamespace);
  const location = locateTemplate(object, kind, namespace, lookup);
  const template = location.template;
  const templateMetadata = asRecord(template?.metadata);
  const podSpec = asRecord(template?.spec) ?? {};
  const { podSpecPath } = location.path;
  const containers = containerRefs(
    podSpec.containers,
    'containers',
    podSpecPath,
  );
  const initContainers = containerRefs(
    podSpec.initContainers,
    'initContainers',
    podSpecPath,
  );
  const ephemeralContainers = containerRefs(
    podSpec.ephemeralContainers,
    'ephemeralContainers',
    podSpecPath,
  );
  let appContainers = containers;
  for (const container of initContainers) {
    if (!isNativeSidecar(container)) continue;
    if (appContainers === containers) appContainers = containers.slice();
    appContainers.push(container);
  }
  const allContainers =
    initContainers.length > 0 || ephemeralContainers.length > 0
      ? containers.concat(initContainers, ephemeralContainers)
      : containers;

  const workload: Workload = {
    source,
    object,
    kind,
    namespace,
    name: objectName(object),
    annotations: asRecord(asRecord(object.metadata)?.annotations) ?? {},
    podLabels: toLabelMap(templateMetadata?.labels),
    podAnnotations: asRecord(templateMetadata?.annotations) ?? {},
    podTemplate: template ?? {},
    podSpec,
    podSpecPath,
    appContainers,
    allContainers,
    hasContainers: containers.length > 0,
    longRunning: LONG_RUNNING_KINDS.has(kind),
    replicated: REPLICATED_KINDS.has(kind),
  };
  if (location.owner) {
    workload.templateOwner = location.owner;
    workload.templatePath = location.path.text;
  }
  if (location.error) workload.templateError = location.error;
  return workload;
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
