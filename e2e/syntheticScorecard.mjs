// A large scorecard for the speed test, made by the real engine: ten
// Deployments of two containers each, with a mix of missing probes, limits,
// security settings and relations, so most checks have findings to show.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// The engine is TypeScript source in this monorepo; compile it on the fly.
require('@backstage/cli/config/nodeTransform.cjs');
const {
  evaluateReadiness,
} = require('@prodready/backstage-plugin-readiness-common');

const NAMESPACE = 'perf';

function container(name, index, variant) {
  const secure = variant % 2 === 0;
  return {
    name,
    image:
      variant % 3 === 0
        ? `registry.example/${name}:latest`
        : `registry.example/${name}:1.${index}`,
    ports: [{ name: 'http', containerPort: 8080 }],
    ...(variant % 4 !== 0 && {
      readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
    }),
    ...(variant % 5 !== 0 && {
      livenessProbe: { httpGet: { path: '/live', port: 'http' } },
    }),
    resources: {
      requests: { cpu: '100m', ...(variant % 3 !== 1 && { memory: '128Mi' }) },
      ...(secure && { limits: { memory: '256Mi' } }),
    },
    env: [{ name: 'LOG_LEVEL', value: 'info' }],
    envFrom: [{ configMapRef: { name: 'perf-config' } }],
    securityContext: secure
      ? {
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        }
      : { allowPrivilegeEscalation: true },
  };
}

function deployment(index) {
  const name = `perf-workload-${index}`;
  const labels = { app: name, 'backstage.io/kubernetes-id': 'perf' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NAMESPACE, labels },
    spec: {
      replicas: index % 2 === 0 ? 3 : 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: index % 3 === 0 ? 'default' : name,
          containers: [
            container('app', index, index),
            container('sidecar', index, index + 1),
          ],
        },
      },
    },
  };
}

function pdb(index) {
  const name = `perf-workload-${index}`;
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace: NAMESPACE },
    spec: { minAvailable: 1, selector: { matchLabels: { app: name } } },
  };
}

// An Ingress without TLS and a ConfigMap the pods read: the two checks that
// are evaluated on objects other than workloads.
const sharedObjects = [
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'perf-web', namespace: NAMESPACE },
    spec: { selector: { app: 'perf-workload-0' }, ports: [{ port: 80 }] },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'perf-web', namespace: NAMESPACE },
    spec: {
      rules: [
        {
          host: 'perf.example',
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: {
                  service: { name: 'perf-web', port: { number: 80 } },
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'perf-config', namespace: NAMESPACE },
    data: { LOG_FORMAT: 'json' },
  },
];

/** A scorecard for `entityRef` with `workloads` Deployments, as the backend serves it. */
export function syntheticScorecard(entityRef, { workloads = 10 } = {}) {
  const objects = sharedObjects.map(object => ({
    object,
    cluster: 'perf-cluster',
  }));
  for (let i = 0; i < workloads; i++) {
    objects.push({ object: deployment(i), cluster: 'perf-cluster' });
    if (i % 2 === 0) objects.push({ object: pdb(i), cluster: 'perf-cluster' });
  }
  const [kind, rest] = entityRef.split(':');
  const [namespace, name] = rest.split('/');
  const entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      namespace,
      annotations: { 'backstage.io/kubernetes-id': 'perf' },
    },
    spec: { type: 'service', owner: 'group:default/platform-team' },
  };
  const report = evaluateReadiness({ objects, entity });
  return {
    entityRef,
    title: 'Synthetic scorecard',
    owner: 'group:default/platform-team',
    score: report.summary.score,
    level: report.summary.level,
    productionReady: report.summary.productionReady,
    evaluatedAt: report.evaluatedAt,
    stale: false,
    report,
  };
}
