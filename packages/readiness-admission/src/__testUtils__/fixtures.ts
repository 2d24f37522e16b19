/**
 * Objects for the tests and the benchmark: a typical service as a team
 * deploys it (a Deployment with its PDB, Service, NetworkPolicy, HPA,
 * ServiceAccount and PodMonitor), which reaches gold, and the
 * AdmissionReview the API server would send for it.
 */
import type { KubeObject } from '@prodready/backstage-plugin-readiness-common';
import type { AdmissionReview } from '../review';

const labelsOf = (name: string) => ({ 'app.kubernetes.io/name': name });

/** The Deployment of a typical service; it reaches gold beside {@link typicalRelatedObjects}. */
export function typicalDeployment(namespace: string, name: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: labelsOf(name) },
    spec: {
      replicas: 2,
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
      },
      selector: { matchLabels: labelsOf(name) },
      template: {
        metadata: { labels: labelsOf(name) },
        spec: {
          serviceAccountName: name,
          automountServiceAccountToken: false,
          priorityClassName: 'production',
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 65532,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'topology.kubernetes.io/zone',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: labelsOf(name) },
            },
          ],
          containers: [
            {
              name: 'app',
              image: `registry.example.com/${name}:1.0.0@sha256:${'a'.repeat(
                64,
              )}`,
              ports: [
                { name: 'http', containerPort: 8080 },
                { name: 'metrics', containerPort: 9464 },
              ],
              resources: {
                requests: { cpu: '100m', memory: '256Mi' },
                limits: { cpu: '1', memory: '256Mi' },
              },
              startupProbe: {
                httpGet: { path: '/healthz', port: 'http' },
                failureThreshold: 30,
              },
              readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
              livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
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
  };
}

/** The PodDisruptionBudget of a typical service. */
export function typicalPdb(namespace: string, name: string): KubeObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace, labels: labelsOf(name) },
    spec: { maxUnavailable: 1, selector: { matchLabels: labelsOf(name) } },
  };
}

/** What a typical service deploys beside its Deployment, its PDB included. */
export function typicalRelatedObjects(
  namespace: string,
  name: string,
): KubeObject[] {
  return [
    typicalPdb(namespace, name),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace, labels: labelsOf(name) },
      spec: {
        selector: labelsOf(name),
        ports: [{ name: 'http', port: 80, targetPort: 'http' }],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, namespace, labels: labelsOf(name) },
      spec: {
        podSelector: { matchLabels: labelsOf(name) },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ ports: [{ protocol: 'TCP', port: 'http' }] }],
        egress: [{ ports: [{ protocol: 'UDP', port: 53 }] }],
      },
    },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name, namespace, labels: labelsOf(name) },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
        minReplicas: 2,
        maxReplicas: 6,
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
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name, namespace, labels: labelsOf(name) },
      automountServiceAccountToken: false,
    },
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: { name, namespace, labels: labelsOf(name) },
      spec: {
        selector: { matchLabels: labelsOf(name) },
        podMetricsEndpoints: [{ port: 'metrics', path: '/metrics' }],
      },
    },
  ];
}

/** A Namespace with the given labels. */
export function namespaceObject(
  name: string,
  labels: Record<string, string> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: { 'kubernetes.io/metadata.name': name, ...labels },
    },
  };
}

let reviews = 0;

/** The AdmissionReview the API server sends for an object. */
export function admissionReview(
  object: KubeObject,
  options: {
    operation?: 'CREATE' | 'UPDATE' | 'DELETE';
    oldObject?: KubeObject;
    dryRun?: boolean;
    subResource?: string;
  } = {},
): AdmissionReview {
  const [group, version] = String(object.apiVersion).includes('/')
    ? String(object.apiVersion).split('/')
    : ['', String(object.apiVersion)];
  const resource = `${String(object.kind).toLowerCase()}s`;
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: `0f1e2d3c-0000-4000-8000-${String(++reviews).padStart(12, '0')}`,
      kind: { group, version, kind: String(object.kind) },
      resource: { group, version, resource },
      requestKind: { group, version, kind: String(object.kind) },
      requestResource: { group, version, resource },
      ...(options.subResource ? { subResource: options.subResource } : {}),
      name: object.metadata?.name,
      namespace: object.metadata?.namespace,
      operation: options.operation ?? 'CREATE',
      userInfo: {
        username: 'jane@example.com',
        groups: ['system:authenticated'],
      },
      object: options.operation === 'DELETE' ? null : object,
      oldObject: options.oldObject ?? null,
      dryRun: options.dryRun ?? false,
      options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
    },
  } as AdmissionReview;
}
