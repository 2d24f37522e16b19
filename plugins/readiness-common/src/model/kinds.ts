/**
 * Kinds are told apart by API group and kind, never by kind alone: other
 * groups reuse the names (Calico's `projectcalico.org` NetworkPolicy, GKE's
 * `monitoring.gke.io` PodMonitor, Volcano's `batch.volcano.sh` Job) with
 * other meanings and shapes, and taking them for the Kubernetes kind would
 * pass checks on objects that do not do what the check needs.
 */
import { KubeObject } from '../types';

/** The API group of an `apiVersion` (`apps/v1` → `apps`, `v1` → ''). */
export function apiGroupOf(apiVersion: unknown): string | undefined {
  if (typeof apiVersion !== 'string' || apiVersion.length === 0) {
    return undefined;
  }
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * The groups each kind the engine knows is served in. `extensions` is the
 * group Deployments, DaemonSets, ReplicaSets, NetworkPolicies and Ingresses
 * were first served in (`extensions/v1beta1`, removed in Kubernetes 1.16 for
 * workloads and NetworkPolicy, 1.22 for Ingress): the same objects under an
 * older address, still found in manifests kept in Git, so they count.
 */
const KIND_GROUPS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries({
    Deployment: ['apps', 'extensions'],
    StatefulSet: ['apps'],
    DaemonSet: ['apps', 'extensions'],
    ReplicaSet: ['apps', 'extensions'],
    Job: ['batch'],
    CronJob: ['batch'],
    Pod: [''],
    ReplicationController: [''],
    PodTemplate: [''],
    Rollout: ['argoproj.io'],
    DeploymentConfig: ['apps.openshift.io'],
    Service: [''],
    ConfigMap: [''],
    ServiceAccount: [''],
    Namespace: [''],
    PodDisruptionBudget: ['policy'],
    HorizontalPodAutoscaler: ['autoscaling'],
    NetworkPolicy: ['networking.k8s.io', 'extensions'],
    Ingress: ['networking.k8s.io', 'extensions'],
    ServiceMonitor: ['monitoring.coreos.com'],
    PodMonitor: ['monitoring.coreos.com'],
    Schedule: ['velero.io'],
  }).map(([kind, groups]) => [kind, new Set(groups)]),
);

/** Every kind the engine knows, as Kubernetes spells it. */
export const KNOWN_KINDS: readonly string[] = [...KIND_GROUPS.keys()];

// apiVersion → group, since the same few apiVersions repeat across
// thousands of objects. Bounded so that hostile input cannot grow it.
const GROUP_CACHE = new Map<string, string>();
const GROUP_CACHE_LIMIT = 256;

function cachedGroupOf(apiVersion: unknown): string | undefined {
  if (typeof apiVersion !== 'string') return undefined;
  let group = GROUP_CACHE.get(apiVersion);
  if (group === undefined) {
    group = apiGroupOf(apiVersion);
    if (group === undefined) return undefined;
    if (GROUP_CACHE.size < GROUP_CACHE_LIMIT)
      GROUP_CACHE.set(apiVersion, group);
  }
  return group;
}

/**
 * The kind of an object when it is one the engine knows and its
 * `apiVersion` is in that kind's group; otherwise undefined. An object
 * without `apiVersion` is not matched: its group cannot be known.
 */
export function knownKindOf(object: KubeObject): string | undefined {
  const kind = object.kind;
  if (typeof kind !== 'string') return undefined;
  const groups = KIND_GROUPS.get(kind);
  if (!groups) return undefined;
  const group = cachedGroupOf(object.apiVersion);
  return group !== undefined && groups.has(group) ? kind : undefined;
}

/** True when the object is `kind` in one of that kind's API groups. */
export function isKind(object: KubeObject, kind: string): boolean {
  return object.kind === kind && knownKindOf(object) === kind;
}

/**
 * The kind an object is taken for when matching a list of kinds written in
 * configuration: a kind the engine knows only in its own API groups (a
 * Knative `Service` is not a Service), any other kind by its name alone.
 */
export function configuredKindOf(object: KubeObject): string | undefined {
  return configuredKindWith(object, knownKindOf(object));
}

/**
 * {@link configuredKindOf} for a caller that already has the object's
 * {@link knownKindOf}, which is the costly part.
 */
export function configuredKindWith(
  object: KubeObject,
  knownKind: string | undefined,
): string | undefined {
  if (knownKind !== undefined) return knownKind;
  const kind = object.kind;
  return typeof kind === 'string' && !KIND_GROUPS.has(kind) ? kind : undefined;
}
