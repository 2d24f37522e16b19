/**
 * The demo's two clusters, as Acme Freight's platform team runs them:
 * `prod-eu`, well provisioned, and `staging`, which lacks a few things on
 * purpose (examples/README.md, "Platform readiness"). Dates are relative to
 * the time the demo starts, so backups stay fresh however old the checkout.
 */
import type { FakeKubeObject } from '@prodready/fake-kube-apiserver';
import {
  alertmanager,
  apiService,
  applicationService,
  clusterRoleBinding,
  crd,
  daemonSet,
  defaultDenyIngress,
  deployment,
  ingressClass,
  limitRange,
  namespace,
  node,
  prometheus,
  prometheusRule,
  resourceQuota,
  RESTRICTED_POD_SECURITY,
  statefulSet,
  storageClass,
  veleroBackup,
  veleroRestore,
  veleroSchedule,
} from './kubeObjects';

/** A demo cluster: its name, version and objects at a given time. */
export interface DemoCluster {
  name: string;
  /** The `gitVersion` of its API server's `/version`. */
  version: string;
  objects(now: Date): FakeKubeObject[];
}

/**
 * Namespaces of platform components, which are not application namespaces
 * (app-config.yaml lists them under readiness.platform.systemNamespaces):
 * they need neither default-deny policies nor quotas.
 */
export const PLATFORM_NAMESPACES = [
  'monitoring',
  'logging',
  'ingress-nginx',
  'cert-manager',
  'kyverno',
  'external-secrets',
  'trivy-system',
  'falco',
  'argocd',
  'velero',
] as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function ago(now: Date, milliseconds: number): Date {
  return new Date(now.getTime() - milliseconds);
}

/** The namespaces every Kubernetes cluster has. */
function builtInNamespaces(): FakeKubeObject[] {
  return ['kube-system', 'kube-public', 'kube-node-lease', 'default'].map(
    name => namespace(name),
  );
}

/** Three nodes of `version`, one in each of three zones (or all in the first). */
function nodes(prefix: string, version: string, zones: string[]) {
  return [0, 1, 2].map(i =>
    node(`${prefix}-${i + 1}`, zones[i % zones.length], version),
  );
}

/** What every Acme Freight cluster runs in kube-system. */
function kubeSystem(): FakeKubeObject[] {
  return [
    deployment(
      'kube-system',
      'coredns',
      'registry.k8s.io/coredns/coredns:v1.12.1',
      {
        replicas: 2,
        labels: { 'k8s-app': 'kube-dns' },
      },
    ),
    daemonSet('kube-system', 'cilium', 'quay.io/cilium/cilium:v1.18.2'),
    deployment(
      'kube-system',
      'cilium-operator',
      'quay.io/cilium/operator-generic:v1.18.2',
      { replicas: 2 },
    ),
    deployment(
      'kube-system',
      'metrics-server',
      'registry.k8s.io/metrics-server/metrics-server:v0.8.0',
      { replicas: 2 },
    ),
    apiService(
      'v1beta1.metrics.k8s.io',
      { namespace: 'kube-system', name: 'metrics-server' },
      true,
    ),
    deployment(
      'kube-system',
      'karpenter',
      'public.ecr.aws/karpenter/controller:1.6.3',
      {
        replicas: 2,
      },
    ),
    crd('nodepools.karpenter.sh', 'NodePool'),
    crd('ec2nodeclasses.karpenter.k8s.aws', 'EC2NodeClass'),
    storageClass('gp3', 'ebs.csi.aws.com', true),
    storageClass('efs', 'efs.csi.aws.com', false),
    clusterRoleBinding('cluster-admin', 'cluster-admin', [
      { kind: 'Group', name: 'system:masters' },
    ]),
    clusterRoleBinding('platform-admins', 'cluster-admin', [
      { kind: 'Group', name: 'acme-freight:platform-team' },
    ]),
  ];
}

/** Prometheus operator, Prometheus, Alertmanager and alert rules. */
function monitoring(): FakeKubeObject[] {
  const ns = 'monitoring';
  return [
    crd('prometheuses.monitoring.coreos.com', 'Prometheus'),
    crd('alertmanagers.monitoring.coreos.com', 'Alertmanager'),
    crd('prometheusrules.monitoring.coreos.com', 'PrometheusRule'),
    crd('servicemonitors.monitoring.coreos.com', 'ServiceMonitor'),
    deployment(
      ns,
      'prometheus-operator',
      'quay.io/prometheus-operator/prometheus-operator:v0.85.0',
    ),
    statefulSet(ns, 'prometheus-k8s', 'quay.io/prometheus/prometheus:v3.6.0', {
      replicas: 2,
    }),
    statefulSet(
      ns,
      'alertmanager-main',
      'quay.io/prometheus/alertmanager:v0.28.1',
      { replicas: 3 },
    ),
    daemonSet(ns, 'node-exporter', 'quay.io/prometheus/node-exporter:v1.9.1'),
    prometheus(ns, 'k8s'),
    alertmanager(ns, 'main'),
    prometheusRule(ns, 'kubernetes-apps', [
      'KubePodCrashLooping',
      'KubeDeploymentReplicasMismatch',
    ]),
    prometheusRule(ns, 'node-exporter', ['NodeFilesystemAlmostOutOfSpace']),
  ];
}

/** ingress-nginx, the default IngressClass, and cert-manager. */
function ingress(): FakeKubeObject[] {
  return [
    deployment(
      'ingress-nginx',
      'ingress-nginx-controller',
      'registry.k8s.io/ingress-nginx/controller:v1.13.3',
      { replicas: 3 },
    ),
    ingressClass('nginx', 'k8s.io/ingress-nginx', true),
    deployment(
      'cert-manager',
      'cert-manager',
      'quay.io/jetstack/cert-manager-controller:v1.19.0',
    ),
    deployment(
      'cert-manager',
      'cert-manager-webhook',
      'quay.io/jetstack/cert-manager-webhook:v1.19.0',
    ),
    crd('certificates.cert-manager.io', 'Certificate'),
    crd('issuers.cert-manager.io', 'Issuer'),
    crd('clusterissuers.cert-manager.io', 'ClusterIssuer'),
  ];
}

/** Kyverno, external-secrets, Trivy Operator and Falco. */
function security(): FakeKubeObject[] {
  return [
    deployment(
      'kyverno',
      'kyverno-admission-controller',
      'ghcr.io/kyverno/kyverno:v1.15.2',
      { replicas: 3 },
    ),
    crd('clusterpolicies.kyverno.io', 'ClusterPolicy'),
    crd('policies.kyverno.io', 'Policy'),
    deployment(
      'external-secrets',
      'external-secrets',
      'ghcr.io/external-secrets/external-secrets:v0.20.2',
    ),
    crd('externalsecrets.external-secrets.io', 'ExternalSecret'),
    crd('clustersecretstores.external-secrets.io', 'ClusterSecretStore'),
    deployment(
      'trivy-system',
      'trivy-operator',
      'ghcr.io/aquasecurity/trivy-operator:0.28.0',
    ),
    crd('vulnerabilityreports.aquasecurity.github.io', 'VulnerabilityReport'),
    daemonSet('falco', 'falco', 'docker.io/falcosecurity/falco:0.41.3'),
  ];
}

/** Argo CD: how both clusters are delivered to. */
function argoCd(): FakeKubeObject[] {
  return [
    deployment('argocd', 'argocd-server', 'quay.io/argoproj/argocd:v3.1.8', {
      replicas: 2,
    }),
    statefulSet(
      'argocd',
      'argocd-application-controller',
      'quay.io/argoproj/argocd:v3.1.8',
    ),
    crd('applications.argoproj.io', 'Application'),
    crd('appprojects.argoproj.io', 'AppProject'),
    clusterRoleBinding(
      'argocd-application-controller',
      'argocd-application-controller',
      [
        {
          kind: 'ServiceAccount',
          name: 'argocd-application-controller',
          namespace: 'argocd',
        },
      ],
    ),
  ];
}

/** Velero with two schedules, fresh backups and a recent restore drill. */
function velero(now: Date): FakeKubeObject[] {
  const nightly = ago(now, 5 * HOUR);
  const hourly = ago(now, 35 * 60_000);
  const drillBackup = ago(now, 9 * DAY + 5 * HOUR);
  return [
    deployment('velero', 'velero', 'docker.io/velero/velero:v1.17.0'),
    crd('schedules.velero.io', 'Schedule'),
    crd('backups.velero.io', 'Backup'),
    crd('restores.velero.io', 'Restore'),
    veleroSchedule('nightly-cluster', '0 1 * * *', nightly),
    veleroSchedule('hourly-tracking', '0 * * * *', hourly),
    veleroBackup(
      `nightly-cluster-${nightly.toISOString().slice(0, 10).replace(/-/g, '')}`,
      'nightly-cluster',
      nightly,
    ),
    veleroBackup('nightly-cluster-drill', 'nightly-cluster', drillBackup),
    veleroRestore(
      'restore-drill-tracking',
      'nightly-cluster-drill',
      ago(now, 9 * DAY),
    ),
  ];
}

/**
 * An application namespace: Pod Security `restricted`, and, unless left
 * out, a default-deny ingress policy, a quota and a limit range.
 */
function applicationNamespace(
  name: string,
  options: { defaultDeny: boolean },
): FakeKubeObject[] {
  return [
    namespace(name, RESTRICTED_POD_SECURITY),
    ...(options.defaultDeny ? [defaultDenyIngress(name)] : []),
    resourceQuota(name),
    limitRange(name),
  ];
}

/** The platform namespaces a cluster has, of those it installs. */
function platformNamespaces(except: readonly string[] = []) {
  return PLATFORM_NAMESPACES.filter(name => !except.includes(name)).map(name =>
    namespace(name, { 'pod-security.kubernetes.io/enforce': 'baseline' }),
  );
}

/** The application services both clusters run (tracking and booking). */
function applications(options: { defaultDeny: boolean }): FakeKubeObject[] {
  const registry = 'registry.acme-freight.example';
  return [
    ...applicationNamespace('tracking', options),
    ...applicationService(
      'tracking',
      'tracking-api',
      `${registry}/tracking-api:3.2.0`,
    ),
    ...applicationService(
      'tracking',
      'tracking-events',
      `${registry}/tracking-events:3.2.0`,
    ),
    ...applicationNamespace('booking', options),
    ...applicationService(
      'booking',
      'booking-web',
      `${registry}/booking-web:1.9.4`,
    ),
  ];
}

/** Production in eu-west-1: everything the platform checks look for. */
export const PROD_EU: DemoCluster = {
  name: 'prod-eu',
  version: 'v1.36.4-eks-3f1a9c2',
  objects: now => [
    ...builtInNamespaces(),
    ...platformNamespaces(),
    ...nodes('ip-10-20', 'v1.36.4-eks-3f1a9c2', [
      'eu-west-1a',
      'eu-west-1b',
      'eu-west-1c',
    ]),
    ...kubeSystem(),
    ...monitoring(),
    daemonSet(
      'logging',
      'fluent-bit',
      'cr.fluentbit.io/fluent/fluent-bit:4.1.0',
    ),
    ...ingress(),
    ...security(),
    ...argoCd(),
    ...velero(now),
    ...applications({ defaultDeny: true }),
  ],
};

/**
 * Staging: no log shipper, no Velero, no default-deny policies in its
 * application namespaces, and the CI deployer bound to cluster-admin.
 */
export const STAGING: DemoCluster = {
  name: 'staging',
  version: 'v1.37.1-eks-8c0d2e1',
  objects: () => [
    ...builtInNamespaces(),
    ...platformNamespaces(['logging', 'velero']),
    ...applicationNamespace('ci', { defaultDeny: false }),
    ...nodes('ip-10-40', 'v1.37.1-eks-8c0d2e1', ['eu-west-1a', 'eu-west-1b']),
    ...kubeSystem(),
    ...monitoring(),
    ...ingress(),
    ...security(),
    ...argoCd(),
    // A shortcut from the early days that nobody has taken back.
    clusterRoleBinding('ci-deployer-admin', 'cluster-admin', [
      { kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' },
    ]),
    ...applications({ defaultDeny: false }),
  ],
};

/** Both demo clusters. */
export const DEMO_CLUSTERS: readonly DemoCluster[] = [PROD_EU, STAGING];
