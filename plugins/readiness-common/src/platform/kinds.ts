/**
 * The kinds a platform evaluation reads besides the workload kinds, as the
 * contract lists them: the backend lists each of these, the CLI's README
 * names them in its `kubectl get` command.
 */

/** A kind of the cluster snapshot and where the API serves it. @public */
export interface PlatformSnapshotKind {
  /** API group; empty for the core group. */
  group: string;
  version: string;
  kind: string;
  /** Resource name in URLs and `kubectl get`, e.g. `storageclasses`. */
  plural: string;
  namespaced: boolean;
  /**
   * True for kinds served only when an add-on installs their CRD (Velero,
   * the Prometheus operator, Gateway API): not served means none exist,
   * never an unread kind.
   */
  optional: boolean;
}

/**
 * The cluster-scoped and extra kinds of a platform snapshot.
 * @public
 */
export const PLATFORM_SNAPSHOT_KINDS: readonly PlatformSnapshotKind[] =
  Object.freeze([
    core('Namespace', 'namespaces', false),
    core('Node', 'nodes', false),
    builtIn(
      'apiextensions.k8s.io',
      'v1',
      'CustomResourceDefinition',
      'customresourcedefinitions',
      false,
    ),
    builtIn('apiregistration.k8s.io', 'v1', 'APIService', 'apiservices', false),
    builtIn('networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', false),
    builtIn('storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', false),
    builtIn(
      'rbac.authorization.k8s.io',
      'v1',
      'ClusterRoleBinding',
      'clusterrolebindings',
      false,
    ),
    builtIn(
      'admissionregistration.k8s.io',
      'v1',
      'ValidatingAdmissionPolicy',
      'validatingadmissionpolicies',
      false,
    ),
    core('ResourceQuota', 'resourcequotas', true),
    core('LimitRange', 'limitranges', true),
    builtIn(
      'networking.k8s.io',
      'v1',
      'NetworkPolicy',
      'networkpolicies',
      true,
    ),
    addOn('velero.io', 'v1', 'Schedule', 'schedules', true),
    addOn('velero.io', 'v1', 'Backup', 'backups', true),
    addOn('velero.io', 'v1', 'Restore', 'restores', true),
    addOn('monitoring.coreos.com', 'v1', 'Prometheus', 'prometheuses', true),
    addOn('monitoring.coreos.com', 'v1', 'Alertmanager', 'alertmanagers', true),
    addOn(
      'monitoring.coreos.com',
      'v1',
      'PrometheusRule',
      'prometheusrules',
      true,
    ),
    addOn(
      'gateway.networking.k8s.io',
      'v1',
      'GatewayClass',
      'gatewayclasses',
      false,
    ),
  ]);

function core(
  kind: string,
  plural: string,
  namespaced: boolean,
): PlatformSnapshotKind {
  return builtIn('', 'v1', kind, plural, namespaced);
}

function builtIn(
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced: boolean,
): PlatformSnapshotKind {
  return { group, version, kind, plural, namespaced, optional: false };
}

function addOn(
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced: boolean,
): PlatformSnapshotKind {
  return { group, version, kind, plural, namespaced, optional: true };
}

/** API group of each snapshot kind, to tell Velero's `Schedule` from others. */
export const PLATFORM_KIND_GROUPS: ReadonlyMap<string, string> = new Map(
  PLATFORM_SNAPSHOT_KINDS.map(entry => [entry.kind, entry.group]),
);
