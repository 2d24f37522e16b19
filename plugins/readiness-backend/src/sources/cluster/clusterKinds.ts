/**
 * The kinds a cluster read lists: the workload kinds the checks evaluate and
 * the related kinds they consult (see the check catalogue). Each is listed
 * once per cluster, across all namespaces.
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
}

const required = (
  kind: string,
  group: string,
  versions: readonly string[],
  resource: string,
): ClusterKind => ({ kind, group, versions, resource, optional: false });

const optional = (
  kind: string,
  group: string,
  version: string,
  resource: string,
): ClusterKind => ({
  kind,
  group,
  versions: [version],
  resource,
  optional: true,
});

/** Everything a read lists. */
export const CLUSTER_KINDS: readonly ClusterKind[] = [
  // Pods first: usually the largest list, so it should start early.
  required('Pod', '', ['v1'], 'pods'),
  required('ReplicaSet', 'apps', ['v1'], 'replicasets'),
  required('ReplicationController', '', ['v1'], 'replicationcontrollers'),
  required('Deployment', 'apps', ['v1'], 'deployments'),
  required('StatefulSet', 'apps', ['v1'], 'statefulsets'),
  required('DaemonSet', 'apps', ['v1'], 'daemonsets'),
  required('Job', 'batch', ['v1'], 'jobs'),
  required('CronJob', 'batch', ['v1'], 'cronjobs'),
  required('ConfigMap', '', ['v1'], 'configmaps'),
  required('Service', '', ['v1'], 'services'),
  required('ServiceAccount', '', ['v1'], 'serviceaccounts'),
  required('Namespace', '', ['v1'], 'namespaces'),
  required('PodDisruptionBudget', 'policy', ['v1'], 'poddisruptionbudgets'),
  required(
    'HorizontalPodAutoscaler',
    'autoscaling',
    ['v2', 'v1'],
    'horizontalpodautoscalers',
  ),
  required('NetworkPolicy', 'networking.k8s.io', ['v1'], 'networkpolicies'),
  required('Ingress', 'networking.k8s.io', ['v1'], 'ingresses'),
  optional('Rollout', 'argoproj.io', 'v1alpha1', 'rollouts'),
  // OpenShift only.
  optional('DeploymentConfig', 'apps.openshift.io', 'v1', 'deploymentconfigs'),
  optional('ServiceMonitor', 'monitoring.coreos.com', 'v1', 'servicemonitors'),
  optional('PodMonitor', 'monitoring.coreos.com', 'v1', 'podmonitors'),
  optional('Schedule', 'velero.io', 'v1', 'schedules'),
];

/** `apps/v1`, or `v1` for the core group. */
export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** The cluster-wide list path: `/api/v1/pods`, `/apis/apps/v1/deployments`. */
export function listPathOf(kind: ClusterKind, version: string): string {
  return kind.group
    ? `/apis/${kind.group}/${version}/${kind.resource}`
    : `/api/${version}/${kind.resource}`;
}
