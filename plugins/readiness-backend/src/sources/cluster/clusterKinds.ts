/**
 * The kinds a cluster read lists: the workload kinds the checks evaluate and
 * the related kinds they consult (see the check catalogue). A cycle lists
 * each once per cluster, across all namespaces; a refresh of one entity
 * lists them as their `refreshScope` says.
 */

/** One kind to list, and where the API serves it. */
export interface ClusterKind {
  kind: string;
  /** API group; '' for the core group. */
  group: string;
  /**
   * Versions to try in order; the next one is tried when the cluster does
   * not serve a version (e.g. `autoscaling/v2` before 1.23).
   */
  versions: readonly string[];
  /** Plural resource name used in the path. */
  resource: string;
  /**
   * Custom resources a cluster may lack: when not served they are simply
   * absent, and other failures only warn.
   */
  optional: boolean;
  /**
   * How a refresh of one entity lists the kind:
   * - `selector`: by the entity's label selector only (Pods: a bare Pod's
   *   own labels are its template's, and owned Pods are dropped anyway);
   * - `workload`: by the label selector to find the namespaces of the
   *   entity's workloads, then in full in those namespaces (a workload may
   *   match by its pod template's labels alone);
   * - `related`: in full in those namespaces;
   * - `cluster`: everywhere (Velero Schedules live in Velero's namespace and
   *   cover others; Namespaces are cluster-scoped).
   */
  refreshScope: RefreshScope;
}

/** See `ClusterKind.refreshScope`. */
export type RefreshScope = 'selector' | 'workload' | 'related' | 'cluster';

const required = (
  kind: string,
  group: string,
  versions: readonly string[],
  resource: string,
  refreshScope: RefreshScope,
): ClusterKind => ({
  kind,
  group,
  versions,
  resource,
  optional: false,
  refreshScope,
});

const optional = (
  kind: string,
  group: string,
  version: string,
  resource: string,
  refreshScope: RefreshScope,
): ClusterKind => ({
  kind,
  group,
  versions: [version],
  resource,
  optional: true,
  refreshScope,
});

/** Everything a read lists. */
export const CLUSTER_KINDS: readonly ClusterKind[] = [
  // Pods first: usually the largest list, so it should start early.
  required('Pod', '', ['v1'], 'pods', 'selector'),
  required('ReplicaSet', 'apps', ['v1'], 'replicasets', 'workload'),
  required(
    'ReplicationController',
    '',
    ['v1'],
    'replicationcontrollers',
    'workload',
  ),
  required('Deployment', 'apps', ['v1'], 'deployments', 'workload'),
  required('StatefulSet', 'apps', ['v1'], 'statefulsets', 'workload'),
  required('DaemonSet', 'apps', ['v1'], 'daemonsets', 'workload'),
  required('Job', 'batch', ['v1'], 'jobs', 'workload'),
  required('CronJob', 'batch', ['v1'], 'cronjobs', 'workload'),
  required('ConfigMap', '', ['v1'], 'configmaps', 'related'),
  required('Service', '', ['v1'], 'services', 'related'),
  required('ServiceAccount', '', ['v1'], 'serviceaccounts', 'related'),
  required('Namespace', '', ['v1'], 'namespaces', 'cluster'),
  required(
    'PodDisruptionBudget',
    'policy',
    ['v1'],
    'poddisruptionbudgets',
    'related',
  ),
  required(
    'HorizontalPodAutoscaler',
    'autoscaling',
    ['v2', 'v1'],
    'horizontalpodautoscalers',
    'related',
  ),
  required(
    'NetworkPolicy',
    'networking.k8s.io',
    ['v1'],
    'networkpolicies',
    'related',
  ),
  required('Ingress', 'networking.k8s.io', ['v1'], 'ingresses', 'related'),
  optional('Rollout', 'argoproj.io', 'v1alpha1', 'rollouts', 'workload'),
  // OpenShift only.
  optional(
    'DeploymentConfig',
    'apps.openshift.io',
    'v1',
    'deploymentconfigs',
    'workload',
  ),
  optional(
    'ServiceMonitor',
    'monitoring.coreos.com',
    'v1',
    'servicemonitors',
    'related',
  ),
  optional(
    'PodMonitor',
    'monitoring.coreos.com',
    'v1',
    'podmonitors',
    'related',
  ),
  optional('Schedule', 'velero.io', 'v1', 'schedules', 'cluster'),
];

/** `apps/v1`, or `v1` for the core group. */
export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/**
 * The list path, cluster-wide (`/api/v1/pods`, `/apis/apps/v1/deployments`)
 * or in one namespace (`/apis/apps/v1/namespaces/shop/deployments`).
 */
export function listPathOf(
  kind: ClusterKind,
  version: string,
  namespace?: string,
): string {
  const base = kind.group
    ? `/apis/${kind.group}/${version}`
    : `/api/${version}`;
  const scope =
    namespace === undefined
      ? ''
      : `/namespaces/${encodeURIComponent(namespace)}`;
  return `${base}${scope}/${kind.resource}`;
}
