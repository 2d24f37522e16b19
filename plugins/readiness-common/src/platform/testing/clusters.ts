/**
 * Builders of cluster objects and of realistic installs (kube-prometheus,
 * Flux, Velero, EKS with Karpenter, GKE Dataplane V2) for platform tests.
 * `productionCluster()` passes every platform check, so each test removes
 * or changes only the thing it is about. Test support only; not exported.
 */
import { KubeObject } from '../../types';
import { ClusterSnapshot, ServerVersion } from '../types';
import { clusterSnapshotFromObjects } from '../snapshot';

export const NOW = new Date('2026-12-06T12:00:00Z');

/** An ISO time `hours` before {@link NOW}. */
export function hoursAgo(hours: number): string {
  return new Date(NOW.getTime() - hours * 3_600_000).toISOString();
}

export function namespace(
  name: string,
  labels: Record<string, string> = {},
): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

/** An application namespace that passes every per-namespace check. */
export function appNamespace(name: string): KubeObject[] {
  return [
    namespace(name, { 'pod-security.kubernetes.io/enforce': 'restricted' }),
    networkPolicy(name, 'default-deny-ingress', {
      podSelector: {},
      policyTypes: ['Ingress'],
    }),
    {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'quota', namespace: name },
      spec: { hard: { 'requests.cpu': '20' } },
    },
    {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'defaults', namespace: name },
      spec: { limits: [{ type: 'Container' }] },
    },
  ];
}

export function networkPolicy(
  namespaceName: string,
  name: string,
  spec: Record<string, unknown>,
): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: namespaceName },
    spec,
  };
}

interface WorkloadOptions {
  kind?: 'Deployment' | 'DaemonSet' | 'StatefulSet';
  replicas?: number;
  /** More containers' images. */
  sidecars?: string[];
  labels?: Record<string, string>;
}

/** A Deployment (or DaemonSet, StatefulSet) running one image. */
export function workload(
  namespaceName: string,
  name: string,
  image: string,
  options: WorkloadOptions = {},
): KubeObject {
  const kind = options.kind ?? 'Deployment';
  const spec: Record<string, unknown> = {
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name, ...options.labels } },
      spec: {
        containers: [image, ...(options.sidecars ?? [])].map((ref, i) => ({
          name: i === 0 ? name : `sidecar-${i}`,
          image: ref,
        })),
      },
    },
  };
  if (kind !== 'DaemonSet') spec.replicas = options.replicas ?? 1;
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name, namespace: namespaceName },
    spec,
  };
}

export function crd(name: string): KubeObject {
  const [plural, ...group] = name.split('.');
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name },
    spec: {
      group: group.join('.'),
      names: { plural, kind: plural },
      scope: 'Namespaced',
      versions: [
        { name: 'v1', schema: { openAPIV3Schema: { type: 'object' } } },
      ],
    },
  };
}

export function node(
  name: string,
  options: {
    zone?: string;
    kubelet?: string;
    unschedulable?: boolean;
    taints?: Array<Record<string, string>>;
  } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: options.zone
        ? { 'topology.kubernetes.io/zone': options.zone }
        : {},
    },
    spec: { unschedulable: options.unschedulable, taints: options.taints },
    status: {
      nodeInfo: { kubeletVersion: options.kubelet ?? 'v1.36.2' },
      conditions: [{ type: 'Ready', status: 'True' }],
      addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
    },
  };
}

export function storageClass(
  name: string,
  provisioner: string,
  isDefault = false,
): KubeObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name,
      annotations: isDefault
        ? { 'storageclass.kubernetes.io/is-default-class': 'true' }
        : {},
    },
    provisioner,
    parameters: { type: 'gp3' },
  };
}

export function ingressClass(name: string, isDefault = false): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: {
      name,
      annotations: isDefault
        ? { 'ingressclass.kubernetes.io/is-default-class': 'true' }
        : {},
    },
    spec: { controller: `k8s.io/${name}` },
  };
}

export function metricsApiService(available = true): KubeObject {
  return {
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: { name: 'v1beta1.metrics.k8s.io' },
    spec: {
      group: 'metrics.k8s.io',
      version: 'v1beta1',
      service: { namespace: 'kube-system', name: 'metrics-server' },
    },
    status: {
      conditions: [
        available
          ? { type: 'Available', status: 'True', reason: 'Passed' }
          : {
              type: 'Available',
              status: 'False',
              reason: 'MissingEndpoints',
            },
      ],
    },
  };
}

export function clusterAdminBinding(
  name: string,
  subjects: Array<Record<string, string>>,
): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'cluster-admin',
    },
    subjects,
  };
}

export function secret(namespaceName: string, name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name,
      namespace: namespaceName,
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration':
          '{"data":{"password":"aHVudGVyMg=="}}',
      },
    },
    type: 'Opaque',
    data: { password: 'aHVudGVyMg==' },
    stringData: { token: 'hunter2' },
  };
}

/** kube-prometheus-stack in `monitoring`: operator, Prometheus, Alertmanager, rules. */
export function kubePrometheusStack(): KubeObject[] {
  return [
    namespace('monitoring'),
    workload(
      'monitoring',
      'kube-prometheus-stack-operator',
      'quay.io/prometheus-operator/prometheus-operator:v0.79.2',
    ),
    workload(
      'monitoring',
      'prometheus-kube-prometheus-stack-prometheus',
      'quay.io/prometheus/prometheus:v3.1.0',
      {
        kind: 'StatefulSet',
        sidecars: [
          'quay.io/prometheus-operator/prometheus-config-reloader:v0.79.2',
        ],
      },
    ),
    workload(
      'monitoring',
      'alertmanager-kube-prometheus-stack-alertmanager',
      'quay.io/prometheus/alertmanager:v0.28.0',
      { kind: 'StatefulSet' },
    ),
    workload(
      'monitoring',
      'kube-prometheus-stack-prometheus-node-exporter',
      'quay.io/prometheus/node-exporter:v1.8.2',
      { kind: 'DaemonSet' },
    ),
    crd('prometheuses.monitoring.coreos.com'),
    crd('alertmanagers.monitoring.coreos.com'),
    crd('prometheusrules.monitoring.coreos.com'),
    crd('servicemonitors.monitoring.coreos.com'),
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'Prometheus',
      metadata: {
        name: 'kube-prometheus-stack-prometheus',
        namespace: 'monitoring',
      },
      spec: { replicas: 1, version: 'v3.1.0', retention: '10d' },
    },
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'Alertmanager',
      metadata: {
        name: 'kube-prometheus-stack-alertmanager',
        namespace: 'monitoring',
      },
      spec: { replicas: 1 },
    },
    ...['kubernetes-apps', 'node-exporter', 'kubernetes-resources'].map(
      name => ({
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'PrometheusRule',
        metadata: {
          name: `kube-prometheus-stack-${name}`,
          namespace: 'monitoring',
        },
        spec: {
          groups: [{ name, rules: [{ alert: 'Example', expr: 'up == 0' }] }],
        },
      }),
    ),
  ];
}

/** Flux v2 in flux-system, as `flux bootstrap` installs it. */
export function fluxInstall(): KubeObject[] {
  return [
    namespace('flux-system'),
    ...['source', 'kustomize', 'helm', 'notification'].map(controller =>
      workload(
        'flux-system',
        `${controller}-controller`,
        `ghcr.io/fluxcd/${controller}-controller:v1.4.0`,
      ),
    ),
    crd('gitrepositories.source.toolkit.fluxcd.io'),
    crd('kustomizations.kustomize.toolkit.fluxcd.io'),
    crd('helmreleases.helm.toolkit.fluxcd.io'),
    clusterAdminBinding('cluster-reconciler-flux-system', [
      {
        kind: 'ServiceAccount',
        name: 'kustomize-controller',
        namespace: 'flux-system',
      },
      {
        kind: 'ServiceAccount',
        name: 'helm-controller',
        namespace: 'flux-system',
      },
    ]),
  ];
}

interface VeleroOptions {
  /** `status.lastBackup` of each Schedule (undefined: never ran). */
  lastBackups?: Array<string | undefined>;
  /** Restores: phase and completion time. */
  restores?: Array<{ name: string; phase: string; completed?: string }>;
}

/** Velero in `velero` with its schedules, backups and restores. */
export function veleroInstall(options: VeleroOptions = {}): KubeObject[] {
  const lastBackups = options.lastBackups ?? [
    hoursAgo(9),
    hoursAgo(9),
    hoursAgo(2),
  ];
  const restores = options.restores ?? [
    { name: 'drill-2026-11', phase: 'Completed', completed: hoursAgo(24 * 12) },
  ];
  return [
    namespace('velero'),
    workload('velero', 'velero', 'velero/velero:v1.15.0'),
    workload('velero', 'node-agent', 'velero/velero:v1.15.0', {
      kind: 'DaemonSet',
    }),
    crd('schedules.velero.io'),
    crd('backups.velero.io'),
    crd('restores.velero.io'),
    ...lastBackups.map((lastBackup, i) => ({
      apiVersion: 'velero.io/v1',
      kind: 'Schedule',
      metadata: {
        name: ['daily', 'hourly-db', 'weekly'][i] ?? `schedule-${i}`,
        namespace: 'velero',
      },
      spec: {
        schedule: '0 3 * * *',
        template: { includedNamespaces: ['*'], ttl: '720h0m0s' },
      },
      status: lastBackup
        ? { phase: 'Enabled', lastBackup }
        : { phase: 'Enabled' },
    })),
    ...restores.map(restore => ({
      apiVersion: 'velero.io/v1',
      kind: 'Restore',
      metadata: { name: restore.name, namespace: 'velero' },
      spec: { backupName: 'daily-20261120030000' },
      status: {
        phase: restore.phase,
        startTimestamp: restore.completed,
        completionTimestamp: restore.completed,
      },
    })),
  ];
}

/** EKS with Karpenter, the VPC CNI with its network policy agent, metrics-server. */
export function eksWithKarpenter(): KubeObject[] {
  return [
    namespace('kube-system'),
    namespace('default'),
    workload(
      'kube-system',
      'karpenter',
      'public.ecr.aws/karpenter/controller:1.1.1',
      {
        replicas: 2,
      },
    ),
    crd('nodepools.karpenter.sh'),
    crd('ec2nodeclasses.karpenter.k8s.aws'),
    workload(
      'kube-system',
      'aws-node',
      '602401143452.dkr.ecr.eu-west-1.amazonaws.com/amazon-k8s-cni:v1.19.0-eksbuild.1',
      {
        kind: 'DaemonSet',
        sidecars: [
          '602401143452.dkr.ecr.eu-west-1.amazonaws.com/amazon/aws-network-policy-agent:v1.1.5-eksbuild.1',
        ],
      },
    ),
    workload(
      'kube-system',
      'coredns',
      '602401143452.dkr.ecr.eu-west-1.amazonaws.com/eks/coredns:v1.11.3-eksbuild.2',
      {
        replicas: 2,
      },
    ),
    workload(
      'kube-system',
      'metrics-server',
      'registry.k8s.io/metrics-server/metrics-server:v0.7.2',
    ),
    metricsApiService(),
    storageClass('gp2', 'kubernetes.io/aws-ebs'),
    storageClass('gp3', 'ebs.csi.aws.com', true),
    node('ip-10-0-1-10.eu-west-1.compute.internal', {
      zone: 'eu-west-1a',
      kubelet: 'v1.35.3-eks-b9c9ed7',
    }),
    node('ip-10-0-2-11.eu-west-1.compute.internal', {
      zone: 'eu-west-1b',
      kubelet: 'v1.35.3-eks-b9c9ed7',
    }),
    node('ip-10-0-3-12.eu-west-1.compute.internal', {
      zone: 'eu-west-1c',
      kubelet: 'v1.35.3-eks-b9c9ed7',
    }),
  ];
}

/**
 * GKE with Dataplane V2: no CNI image of the table runs, the `anetd`
 * DaemonSet in kube-system is what tells it enforces NetworkPolicies (its
 * image name changes between GKE versions, so the table names the
 * DaemonSet).
 */
export function gkeDataplaneV2(): KubeObject[] {
  return [
    namespace('kube-system'),
    workload(
      'kube-system',
      'anetd',
      'gke.gcr.io/gke-dpv2/anetd:v1.30.5-gke.1',
      {
        kind: 'DaemonSet',
      },
    ),
    workload(
      'kube-system',
      'kube-dns',
      'gke.gcr.io/k8s-dns-kube-dns:1.23.0-gke.9',
      {
        replicas: 2,
      },
    ),
  ];
}

/** The platform pieces besides the realistic installs, each passing its check. */
export function platformBasics(): KubeObject[] {
  return [
    ingressClass('nginx', true),
    workload(
      'ingress-nginx',
      'ingress-nginx-controller',
      'registry.k8s.io/ingress-nginx/controller:v1.12.0',
    ),
    namespace('ingress-nginx'),
    crd('certificates.cert-manager.io'),
    crd('clusterpolicies.kyverno.io'),
    crd('externalsecrets.external-secrets.io'),
    crd('vulnerabilityreports.aquasecurity.github.io'),
    workload(
      'logging',
      'fluent-bit',
      'cr.fluentbit.io/fluent/fluent-bit:3.2.4',
      {
        kind: 'DaemonSet',
      },
    ),
    namespace('logging'),
    workload('falco', 'falco', 'docker.io/falcosecurity/falco:0.39.2', {
      kind: 'DaemonSet',
    }),
    namespace('falco'),
    clusterAdminBinding('cluster-admin', [
      {
        kind: 'Group',
        name: 'system:masters',
        apiGroup: 'rbac.authorization.k8s.io',
      },
    ]),
    clusterAdminBinding('eks:addon-cluster-admin', [
      { kind: 'ServiceAccount', name: 'eks-addon', namespace: 'kube-system' },
    ]),
  ];
}

/** Every object of a cluster that passes every platform check. */
export function productionClusterObjects(): KubeObject[] {
  const namespaces = [
    'shop',
    'payments',
    'monitoring',
    'velero',
    'flux-system',
    'logging',
    'falco',
    'ingress-nginx',
  ];
  return [
    ...eksWithKarpenter(),
    ...kubePrometheusStack(),
    ...fluxInstall(),
    ...veleroInstall(),
    ...platformBasics(),
    // The per-namespace pieces for every application namespace (the
    // namespace objects of the installs are replaced by labelled ones).
    ...namespaces.flatMap(appNamespace),
    workload('shop', 'web', 'ghcr.io/example/shop-web:2.4.1', { replicas: 3 }),
  ].filter(
    (object, _i, all) =>
      object.kind !== 'Namespace' ||
      Object.keys(object.metadata?.labels ?? {}).length > 0 ||
      !all.some(
        other =>
          other !== object &&
          other.kind === 'Namespace' &&
          other.metadata?.name === object.metadata?.name &&
          Object.keys(other.metadata?.labels ?? {}).length > 0,
      ),
  );
}

/** A snapshot of `objects`, as the backend and the CLI build it. */
export function snapshotOf(
  objects: KubeObject[],
  options: { serverVersion?: ServerVersion; cluster?: string } = {},
): ClusterSnapshot {
  return clusterSnapshotFromObjects(options.cluster ?? 'prod-eu', objects, {
    serverVersion: options.serverVersion,
    readAt: NOW.toISOString(),
  });
}

/** Objects without those of a kind (and name, when given). */
export function without(
  objects: KubeObject[],
  kind: string,
  name?: string,
): KubeObject[] {
  return objects.filter(
    object =>
      object.kind !== kind ||
      (name !== undefined && object.metadata?.name !== name),
  );
}
