/**
 * Small builders of the Kubernetes objects the demo clusters hold, so that
 * each cluster reads as a list of what is installed rather than as pages of
 * YAML. Only the fields the readiness checks read are filled in.
 */
import type { FakeKubeObject } from '@prodready/fake-kube-apiserver';

type Labels = Record<string, string>;

/** The label the readiness plugin matches workloads to catalog entities by. */
const KUBERNETES_ID = 'backstage.io/kubernetes-id';

export function namespace(name: string, labels: Labels = {}): FakeKubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: { 'kubernetes.io/metadata.name': name, ...labels },
    },
    status: { phase: 'Active' },
  };
}

/** Pod Security admission at `restricted`, enforced. */
export const RESTRICTED_POD_SECURITY: Labels = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/enforce-version': 'latest',
};

export function node(
  name: string,
  zone: string,
  kubeletVersion: string,
): FakeKubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'topology.kubernetes.io/zone': zone,
        'topology.kubernetes.io/region': zone.replace(/[a-z]$/, ''),
      },
    },
    spec: {},
    status: {
      conditions: [{ type: 'Ready', status: 'True' }],
      nodeInfo: { kubeletVersion, osImage: 'Bottlerocket OS 1.26.1' },
    },
  };
}

/** A CustomResourceDefinition named `<plural>.<group>`. */
export function crd(name: string, kind: string): FakeKubeObject {
  const [plural, ...group] = name.split('.');
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name },
    spec: {
      group: group.join('.'),
      names: { plural, kind },
      scope: 'Namespaced',
      versions: [{ name: 'v1', served: true, storage: true }],
    },
  };
}

export function apiService(
  name: string,
  service: { namespace: string; name: string },
  available: boolean,
): FakeKubeObject {
  const [version, ...group] = name.split('.');
  return {
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: { name },
    spec: { group: group.join('.'), version, service },
    status: {
      conditions: [
        {
          type: 'Available',
          status: available ? 'True' : 'False',
          reason: available ? 'Passed' : 'MissingEndpoints',
        },
      ],
    },
  };
}

export function storageClass(
  name: string,
  provisioner: string,
  isDefault: boolean,
): FakeKubeObject {
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
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  };
}

export function ingressClass(
  name: string,
  controllerName: string,
  isDefault: boolean,
): FakeKubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: {
      name,
      annotations: isDefault
        ? { 'ingressclass.kubernetes.io/is-default-class': 'true' }
        : {},
    },
    spec: { controller: controllerName },
  };
}

type Subject =
  | { kind: 'ServiceAccount'; name: string; namespace: string }
  | { kind: 'Group' | 'User'; name: string };

export function clusterRoleBinding(
  name: string,
  clusterRole: string,
  subjects: Subject[],
): FakeKubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: clusterRole,
    },
    subjects: subjects.map(subject =>
      subject.kind === 'ServiceAccount'
        ? subject
        : { ...subject, apiGroup: 'rbac.authorization.k8s.io' },
    ),
  };
}

/** Denies all ingress to every pod of the namespace unless another policy allows it. */
export function defaultDenyIngress(ns: string): FakeKubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'default-deny-ingress', namespace: ns },
    spec: { podSelector: {}, policyTypes: ['Ingress'] },
  };
}

export function resourceQuota(ns: string): FakeKubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name: 'compute', namespace: ns },
    spec: {
      hard: {
        'requests.cpu': '16',
        'requests.memory': '32Gi',
        'limits.cpu': '32',
        'limits.memory': '64Gi',
        pods: '100',
      },
    },
  };
}

export function limitRange(ns: string): FakeKubeObject {
  return {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: 'container-defaults', namespace: ns },
    spec: {
      limits: [
        {
          type: 'Container',
          defaultRequest: { cpu: '100m', memory: '128Mi' },
          default: { cpu: '500m', memory: '512Mi' },
        },
      ],
    },
  };
}

interface WorkloadOptions {
  replicas?: number;
  labels?: Labels;
  args?: string[];
}

function podTemplate(name: string, image: string, options: WorkloadOptions) {
  const labels = { 'app.kubernetes.io/name': name, ...options.labels };
  return {
    metadata: { labels },
    spec: {
      containers: [
        {
          name,
          image,
          ...(options.args ? { args: options.args } : {}),
          resources: {
            requests: { cpu: '100m', memory: '256Mi' },
            limits: { cpu: '1', memory: '512Mi' },
          },
        },
      ],
    },
  };
}

function controller(
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet',
  ns: string,
  name: string,
  image: string,
  options: WorkloadOptions,
): FakeKubeObject {
  const replicas =
    kind === 'DaemonSet' ? {} : { replicas: options.replicas ?? 1 };
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: {
      name,
      namespace: ns,
      labels: { 'app.kubernetes.io/name': name, ...options.labels },
    },
    spec: {
      ...replicas,
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      template: podTemplate(name, image, options),
    },
    status:
      kind === 'DaemonSet'
        ? { desiredNumberScheduled: 3, numberReady: 3 }
        : {
            replicas: options.replicas ?? 1,
            readyReplicas: options.replicas ?? 1,
          },
  };
}

/** A platform component's Deployment. */
export function deployment(
  ns: string,
  name: string,
  image: string,
  options: WorkloadOptions = {},
): FakeKubeObject {
  return controller('Deployment', ns, name, image, options);
}

export function statefulSet(
  ns: string,
  name: string,
  image: string,
  options: WorkloadOptions = {},
): FakeKubeObject {
  return controller('StatefulSet', ns, name, image, options);
}

export function daemonSet(
  ns: string,
  name: string,
  image: string,
  options: WorkloadOptions = {},
): FakeKubeObject {
  return controller('DaemonSet', ns, name, image, options);
}

/**
 * An application service built the way the golden path builds one: three
 * replicas spread over zones, distinct probes, requests and limits, a
 * restricted security context, its own service account, a PDB, an HPA and
 * a network policy that lets in only the ingress controller. Its
 * `backstage.io/kubernetes-id` names no catalog component, so the demo's
 * component scorecards stay as examples/README.md describes them.
 */
export function applicationService(
  ns: string,
  name: string,
  image: string,
): FakeKubeObject[] {
  const labels = { 'app.kubernetes.io/name': name, [KUBERNETES_ID]: name };
  const selector = { matchLabels: { 'app.kubernetes.io/name': name } };
  return [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name, namespace: ns, labels },
      automountServiceAccountToken: false,
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: ns, labels },
      spec: {
        replicas: 3,
        selector,
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: 0, maxSurge: 1 },
        },
        template: {
          metadata: {
            labels,
            annotations: {
              'prometheus.io/scrape': 'true',
              'prometheus.io/port': '9090',
            },
          },
          spec: {
            serviceAccountName: name,
            automountServiceAccountToken: false,
            priorityClassName: 'production',
            securityContext: {
              runAsNonRoot: true,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            topologySpreadConstraints: [
              {
                maxSkew: 1,
                topologyKey: 'topology.kubernetes.io/zone',
                whenUnsatisfiable: 'ScheduleAnyway',
                labelSelector: selector,
              },
            ],
            containers: [
              {
                name,
                image,
                ports: [
                  { name: 'http', containerPort: 8080 },
                  { name: 'metrics', containerPort: 9090 },
                ],
                readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
                livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
                resources: {
                  requests: { cpu: '200m', memory: '256Mi' },
                  limits: { cpu: '1', memory: '512Mi' },
                },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                },
              },
            ],
          },
        },
      },
      status: { replicas: 3, readyReplicas: 3 },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name, namespace: ns, labels },
      spec: { maxUnavailable: 1, selector },
    },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name, namespace: ns, labels },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
        minReplicas: 3,
        maxReplicas: 12,
        metrics: [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: 70 },
            },
          },
        ],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `${name}-from-ingress`, namespace: ns, labels },
      spec: {
        podSelector: selector,
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          {
            from: [
              {
                namespaceSelector: {
                  matchLabels: {
                    'kubernetes.io/metadata.name': 'ingress-nginx',
                  },
                },
              },
            ],
            ports: [{ port: 'http' }],
          },
        ],
        egress: [{}],
      },
    },
  ];
}

const VELERO_API = 'velero.io/v1';

/** A Velero backup schedule whose last backup ran at `lastBackup`. */
export function veleroSchedule(
  name: string,
  cron: string,
  lastBackup: Date,
): FakeKubeObject {
  return {
    apiVersion: VELERO_API,
    kind: 'Schedule',
    metadata: { name, namespace: 'velero' },
    spec: {
      schedule: cron,
      template: { includedNamespaces: ['*'], ttl: '720h0m0s' },
    },
    status: { phase: 'Enabled', lastBackup: lastBackup.toISOString() },
  };
}

export function veleroBackup(
  name: string,
  schedule: string,
  completed: Date,
): FakeKubeObject {
  return {
    apiVersion: VELERO_API,
    kind: 'Backup',
    metadata: {
      name,
      namespace: 'velero',
      labels: { 'velero.io/schedule-name': schedule },
    },
    spec: { includedNamespaces: ['*'] },
    status: {
      phase: 'Completed',
      startTimestamp: new Date(completed.getTime() - 4 * 60_000).toISOString(),
      completionTimestamp: completed.toISOString(),
    },
  };
}

/** A restore drill of `backup` that completed at `completed`. */
export function veleroRestore(
  name: string,
  backup: string,
  completed: Date,
): FakeKubeObject {
  return {
    apiVersion: VELERO_API,
    kind: 'Restore',
    metadata: { name, namespace: 'velero' },
    spec: {
      backupName: backup,
      includedNamespaces: ['tracking'],
      namespaceMapping: { tracking: 'restore-drill' },
    },
    status: {
      phase: 'Completed',
      startTimestamp: new Date(completed.getTime() - 7 * 60_000).toISOString(),
      completionTimestamp: completed.toISOString(),
    },
  };
}

const MONITORING_API = 'monitoring.coreos.com/v1';

export function prometheus(ns: string, name: string): FakeKubeObject {
  return {
    apiVersion: MONITORING_API,
    kind: 'Prometheus',
    metadata: { name, namespace: ns },
    spec: {
      replicas: 2,
      retention: '15d',
      ruleSelector: {},
      alerting: {
        alertmanagers: [
          { namespace: ns, name: 'alertmanager-main', port: 'web' },
        ],
      },
    },
  };
}

export function alertmanager(ns: string, name: string): FakeKubeObject {
  return {
    apiVersion: MONITORING_API,
    kind: 'Alertmanager',
    metadata: { name, namespace: ns },
    spec: { replicas: 3 },
  };
}

export function prometheusRule(
  ns: string,
  name: string,
  alerts: string[],
): FakeKubeObject {
  return {
    apiVersion: MONITORING_API,
    kind: 'PrometheusRule',
    metadata: { name, namespace: ns },
    spec: {
      groups: [
        {
          name,
          rules: alerts.map(alert => ({
            alert,
            expr: 'vector(1)',
            for: '10m',
            labels: { severity: 'critical' },
          })),
        },
      ],
    },
  };
}
