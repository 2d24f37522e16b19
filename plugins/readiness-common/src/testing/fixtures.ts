/**
 * Builders for test manifests: a workload that passes every check, so each
 * test changes only the thing it is about. Test support only; not exported.
 */
import { Entity, EntityLink } from '@backstage/catalog-model';
import { ReadinessConfig, parseReadinessConfig } from '../config';
import { evaluateReadiness, EvaluationInput } from '../engine/evaluate';
import {
  CheckResult,
  KubeObject,
  ReadinessReport,
  SourcedObject,
} from '../types';

export const NOW = new Date('2025-06-15T12:00:00Z');

/** A container that passes every container-level check. */
export function goodContainer(overrides: Record<string, any> = {}) {
  return {
    name: 'app',
    image: 'registry.example.com/team/app:1.4.2',
    ports: [{ name: 'http', containerPort: 8080 }],
    readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
    livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
    resources: {
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '500m', memory: '256Mi' },
    },
    securityContext: {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
    ...overrides,
  };
}

/** A pod spec that passes every pod-level check. */
export function goodPodSpec(overrides: Record<string, any> = {}) {
  return {
    serviceAccountName: 'app',
    automountServiceAccountToken: false,
    priorityClassName: 'production',
    topologySpreadConstraints: [
      { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone' },
    ],
    containers: [goodContainer()],
    ...overrides,
  };
}

export interface WorkloadOptions {
  kind?: string;
  apiVersion?: string;
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  podAnnotations?: Record<string, any>;
  podSpec?: Record<string, any>;
  spec?: Record<string, any>;
}

/** apiVersion of the template kinds that are not in apps/v1. */
const API_VERSIONS: Record<string, string> = {
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  Rollout: 'argoproj.io/v1alpha1',
};

/** A Deployment (or other template kind) that passes every workload check. */
export function workload(options: WorkloadOptions = {}): KubeObject {
  const name = options.name ?? 'web';
  const labels = options.labels ?? { app: name };
  const kind = options.kind ?? 'Deployment';
  const template = {
    metadata: {
      labels,
      annotations: {
        'prometheus.io/scrape': 'true',
        ...options.podAnnotations,
      },
    },
    spec: options.podSpec ?? goodPodSpec(),
  };
  const metadata: Record<string, any> = { name, labels };
  if (options.namespace) metadata.namespace = options.namespace;
  if (options.annotations) metadata.annotations = options.annotations;
  if (kind === 'Pod') {
    return {
      apiVersion: options.apiVersion ?? 'v1',
      kind,
      metadata: {
        ...metadata,
        labels,
        annotations: {
          ...template.metadata.annotations,
          ...options.annotations,
        },
      },
      spec: template.spec,
      ...(options.spec ? { spec: { ...template.spec, ...options.spec } } : {}),
    };
  }
  const spec: Record<string, any> =
    kind === 'CronJob'
      ? { schedule: '0 * * * *', jobTemplate: { spec: { template } } }
      : { replicas: 3, selector: { matchLabels: labels }, template };
  return {
    apiVersion: options.apiVersion ?? API_VERSIONS[kind] ?? 'apps/v1',
    kind,
    metadata,
    spec: { ...spec, ...options.spec },
  };
}

/** Objects that satisfy the relation checks for `workload(...)` defaults. */
export function companions(
  options: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
  } = {},
): KubeObject[] {
  const name = options.name ?? 'web';
  const labels = options.labels ?? { app: name };
  const metadata = (suffix: string) => ({
    name: `${name}${suffix}`,
    ...(options.namespace ? { namespace: options.namespace } : {}),
  });
  return [
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: metadata('-pdb'),
      spec: { maxUnavailable: 1, selector: { matchLabels: labels } },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: metadata('-netpol'),
      spec: {
        podSelector: { matchLabels: labels },
        policyTypes: ['Ingress', 'Egress'],
      },
    },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: metadata('-hpa'),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
        minReplicas: 3,
        maxReplicas: 10,
      },
    },
  ];
}

export function sourced(...objects: KubeObject[]): SourcedObject[] {
  return objects.map(object => ({ object, file: 'test.yaml' }));
}

/** Evaluates objects with a fixed clock. */
export function evaluate(
  objects: KubeObject[],
  options: Omit<EvaluationInput, 'objects' | 'config'> & {
    config?: unknown;
  } = {},
): ReadinessReport {
  const config: ReadinessConfig = parseReadinessConfig(options.config);
  return evaluateReadiness({
    now: NOW,
    ...options,
    config,
    objects: sourced(...objects),
  });
}

/** The result of a check on a workload (the first one, or by name). */
export function result(
  report: ReadinessReport,
  checkId: string,
  workloadName?: string,
): CheckResult {
  const target = workloadName
    ? report.workloads.find(w => w.name === workloadName)
    : report.workloads[0];
  if (!target) throw new Error(`no workload ${workloadName ?? ''} in report`);
  const found = target.results.find(r => r.check === checkId);
  if (!found) throw new Error(`no result for ${checkId}`);
  return found;
}

/** Evaluates one workload (plus extra objects) and returns one check's result. */
export function check(
  id: string,
  object: KubeObject,
  extra: KubeObject[] = [],
  options: Parameters<typeof evaluate>[1] = {},
): CheckResult {
  return result(evaluate([object, ...extra], options), id);
}

/** A catalog entity with every operations annotation set. */
export function entity(
  overrides: {
    annotations?: Record<string, string>;
    spec?: Record<string, any>;
    links?: EntityLink[];
    name?: string;
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: overrides.name ?? 'web',
      annotations: {
        'backstage.io/kubernetes-id': 'web',
        'prodready.dev/runbook': 'https://runbooks.example.com/web',
        'pagerduty.com/service-id': 'P123',
        'grafana/dashboard-selector': 'web',
        'backstage.io/techdocs-ref': 'dir:.',
        'github.com/project-slug': 'example/web',
        ...overrides.annotations,
      },
      links: overrides.links,
    },
    spec: {
      type: 'service',
      owner: 'team-web',
      lifecycle: 'production',
      ...overrides.spec,
    },
  };
}
