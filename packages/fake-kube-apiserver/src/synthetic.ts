/**
 * A synthetic cluster for benchmarks and tests: workloads spread over
 * namespaces, each with the objects a real one drags along (a ReplicaSet and
 * Pods owned by it, a Service, a ConfigMap, a PodDisruptionBudget, ...).
 */
import { FakeKubeObject } from './store';

/** Shape of a synthetic cluster. @public */
export interface SyntheticClusterOptions {
  /** Number of Deployments (plus StatefulSets, see `statefulSetEvery`). Default 100. */
  workloads?: number;
  /** Namespaces to spread them over. Default 10. */
  namespaces?: number;
  /** Owned Pods per workload (dropped by readers that only want bare Pods). Default 1. */
  podsPerWorkload?: number;
  /** Every n-th workload is a StatefulSet instead of a Deployment. Default 10. */
  statefulSetEvery?: number;
  /** Include custom resources (Rollouts, ServiceMonitors, Velero Schedules). Default false. */
  customResources?: boolean;
}

function labelsOf(app: string, team: string): Record<string, string> {
  return {
    app,
    'app.kubernetes.io/name': app,
    'backstage.io/kubernetes-id': app,
    team,
  };
}

function container(app: string, index: number) {
  return {
    name: app,
    image: `registry.example.com/${app}:1.${index % 20}.0`,
    ports: [{ name: 'http', containerPort: 8080 }],
    env: [
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'DATABASE_PASSWORD', value: `pw-${index}` },
      {
        name: 'API_TOKEN',
        valueFrom: { secretKeyRef: { name: `${app}-secrets`, key: 'token' } },
      },
    ],
    envFrom: [{ configMapRef: { name: `${app}-config` } }],
    resources: {
      requests: { cpu: '100m', memory: '128Mi' },
      limits:
        index % 3 === 0 ? { memory: '256Mi' } : { memory: '256Mi', cpu: '1' },
    },
    readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
    ...(index % 4 === 0
      ? {}
      : { livenessProbe: { httpGet: { path: '/live', port: 'http' } } }),
    securityContext: {
      runAsNonRoot: index % 5 !== 0,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: index % 2 === 0,
      capabilities: { drop: ['ALL'] },
    },
  };
}

/**
 * Objects of a synthetic cluster. With the defaults each workload brings
 * about seven other objects.
 * @public
 */
export function syntheticClusterObjects(
  options: SyntheticClusterOptions = {},
): FakeKubeObject[] {
  const workloads = options.workloads ?? 100;
  const namespaceCount = Math.max(1, options.namespaces ?? 10);
  const podsPerWorkload = options.podsPerWorkload ?? 1;
  const statefulSetEvery = options.statefulSetEvery ?? 10;
  const objects: FakeKubeObject[] = [];

  for (let n = 0; n < namespaceCount; n++) {
    const namespace = `team-${n}`;
    objects.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace, labels: { team: namespace } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    if (options.customResources) {
      objects.push({
        apiVersion: 'velero.io/v1',
        kind: 'Schedule',
        metadata: { name: `${namespace}-daily`, namespace: 'velero' },
        spec: {
          schedule: '0 3 * * *',
          template: { includedNamespaces: [namespace] },
        },
      });
    }
  }

  for (let i = 0; i < workloads; i++) {
    const namespace = `team-${i % namespaceCount}`;
    const app = `app-${i}`;
    const labels = labelsOf(app, namespace);
    const stateful = statefulSetEvery > 0 && i % statefulSetEvery === 0;
    const kind = stateful ? 'StatefulSet' : 'Deployment';
    const podSpec = {
      serviceAccountName: app,
      containers: [container(app, i)],
      ...(i % 2 === 0
        ? {
            topologySpreadConstraints: [
              {
                maxSkew: 1,
                topologyKey: 'topology.kubernetes.io/zone',
                whenUnsatisfiable: 'ScheduleAnyway',
                labelSelector: { matchLabels: { app } },
              },
            ],
          }
        : {}),
    };
    objects.push({
      apiVersion: 'apps/v1',
      kind,
      metadata: {
        name: app,
        namespace,
        labels,
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
            kind,
            metadata: { name: app },
            spec: { template: { spec: podSpec } },
          }),
        },
        managedFields: [
          { manager: 'kubectl', operation: 'Update', fieldsType: 'FieldsV1' },
        ],
      },
      spec: {
        replicas: 1 + (i % 3),
        selector: { matchLabels: { app } },
        ...(stateful ? { serviceName: app } : {}),
        template: {
          metadata: {
            labels,
            annotations: i % 2 ? { 'prometheus.io/scrape': 'true' } : {},
          },
          spec: podSpec,
        },
        ...(stateful
          ? {
              volumeClaimTemplates: [
                {
                  metadata: { name: 'data' },
                  spec: {
                    accessModes: ['ReadWriteOnce'],
                    resources: { requests: { storage: '1Gi' } },
                  },
                },
              ],
            }
          : {}),
      },
      status: { replicas: 1, readyReplicas: 1 },
    });

    const owner = stateful
      ? { apiVersion: 'apps/v1', kind, name: app, uid: `uid-${app}` }
      : {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: `${app}-5d4f8`,
          uid: `uid-${app}-rs`,
        };
    if (!stateful) {
      objects.push({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `${app}-5d4f8`,
          namespace,
          labels,
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: app,
              uid: `uid-${app}`,
              controller: true,
            },
          ],
        },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app } },
          template: { metadata: { labels }, spec: podSpec },
        },
      });
    }
    for (let p = 0; p < podsPerWorkload; p++) {
      objects.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${app}-${p}`,
          namespace,
          labels,
          ownerReferences: [{ ...owner, controller: true }],
        },
        spec: podSpec,
        status: { phase: 'Running' },
      });
    }
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: app, namespace, labels },
      spec: { selector: { app }, ports: [{ name: 'http', port: 80 }] },
    });
    objects.push({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: app, namespace },
      automountServiceAccountToken: false,
    });
    objects.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${app}-config`, namespace },
      data: {
        LOG_FORMAT: 'json',
        'application.yaml': `server:\n  port: 8080\nfeature: ${i}\n`,
      },
    });
    if (i % 2 === 0) {
      objects.push({
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: app, namespace },
        spec: { maxUnavailable: 1, selector: { matchLabels: { app } } },
      });
    }
    if (i % 3 === 0 && !stateful) {
      objects.push({
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: app, namespace },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind, name: app },
          minReplicas: 2,
          maxReplicas: 5,
        },
      });
    }
    if (i % 4 === 0) {
      objects.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: app, namespace, labels },
        spec: {
          ...(i % 8 === 0 ? { tls: [{ hosts: [`${app}.example.com`] }] } : {}),
          rules: [
            {
              host: `${app}.example.com`,
              http: {
                paths: [
                  {
                    path: '/',
                    pathType: 'Prefix',
                    backend: { service: { name: app, port: { name: 'http' } } },
                  },
                ],
              },
            },
          ],
        },
      });
    }
    if (options.customResources && i % 2 === 1) {
      objects.push({
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'ServiceMonitor',
        metadata: { name: app, namespace },
        spec: {
          selector: { matchLabels: { app } },
          endpoints: [{ port: 'http' }],
        },
      });
    }
  }
  return objects;
}

/** Shape of a cluster's platform objects. @public */
export interface SyntheticPlatformOptions {
  /** Namespaces `team-0` … named as {@link syntheticClusterObjects} names them; each gets a ResourceQuota and a LimitRange. Default 10. */
  namespaces?: number;
  /** CustomResourceDefinition objects of made-up operators. Default 20. */
  crds?: number;
  /** Schedulable Nodes, spread over three zones. Default 3. */
  nodes?: number;
  /** The kubelet version the Nodes report. Default `v1.33.0`. */
  kubeletVersion?: string;
}

/**
 * The cluster-scoped objects platform checks read (Nodes, CRDs, a default
 * StorageClass and IngressClass, ClusterRoleBindings, the metrics
 * APIService, an admission policy) plus a quota and a limit range in every
 * team namespace; for benchmarks and demos.
 * @public
 */
export function syntheticPlatformObjects(
  options: SyntheticPlatformOptions = {},
): FakeKubeObject[] {
  const namespaces = options.namespaces ?? 10;
  const crds = options.crds ?? 20;
  const nodes = options.nodes ?? 3;
  const kubeletVersion = options.kubeletVersion ?? 'v1.33.0';
  const zones = ['zone-a', 'zone-b', 'zone-c'];
  const objects: FakeKubeObject[] = [];

  for (let n = 0; n < nodes; n++) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: `node-${n}`,
        labels: {
          'kubernetes.io/os': 'linux',
          'topology.kubernetes.io/zone': zones[n % zones.length],
        },
      },
      spec: { podCIDR: `10.244.${n}.0/24` },
      status: {
        nodeInfo: { kubeletVersion, osImage: 'Ubuntu 24.04 LTS' },
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    });
  }
  for (let c = 0; c < crds; c++) {
    const group = `operator-${c % 25}.example.com`;
    const plural = `widget${c}s`;
    objects.push({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `${plural}.${group}` },
      spec: {
        group,
        names: { plural, singular: `widget${c}`, kind: `Widget${c}` },
        scope: 'Namespaced',
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: { spec: { type: 'object' } },
              },
            },
          },
        ],
      },
      status: { conditions: [{ type: 'Established', status: 'True' }] },
    });
  }
  objects.push(
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: {
        name: 'standard',
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      },
      provisioner: 'ebs.csi.aws.com',
      reclaimPolicy: 'Delete',
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: {
        name: 'nginx',
        annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' },
      },
      spec: { controller: 'k8s.io/ingress-nginx' },
    },
    {
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: 'v1beta1.metrics.k8s.io' },
      spec: {
        group: 'metrics.k8s.io',
        version: 'v1beta1',
        service: { name: 'metrics-server', namespace: 'kube-system' },
      },
      status: { conditions: [{ type: 'Available', status: 'True' }] },
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'cluster-admin' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'cluster-admin',
      },
      subjects: [
        {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'Group',
          name: 'system:masters',
        },
      ],
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: 'require-team-label' },
      spec: {
        failurePolicy: 'Fail',
        validations: [{ expression: 'has(object.metadata.labels.team)' }],
      },
    },
  );
  for (let n = 0; n < namespaces; n++) {
    const namespace = `team-${n}`;
    objects.push(
      {
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: { name: 'compute', namespace },
        spec: { hard: { 'requests.cpu': '20', 'requests.memory': '64Gi' } },
      },
      {
        apiVersion: 'v1',
        kind: 'LimitRange',
        metadata: { name: 'defaults', namespace },
        spec: {
          limits: [
            {
              type: 'Container',
              default: { memory: '512Mi' },
              defaultRequest: { cpu: '100m', memory: '128Mi' },
            },
          ],
        },
      },
    );
  }
  return objects;
}
