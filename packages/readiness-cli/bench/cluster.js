/* eslint-disable no-console */
'use strict';

/**
 * Synthetic Kubernetes clusters for the benchmark: Deployments with varied,
 * realistic specs across many namespaces, each with its Service and, by
 * chance, a PodDisruptionBudget, a HorizontalPodAutoscaler and a
 * NetworkPolicy. Deterministic: the same size gives the same cluster.
 */

/** Deterministic pseudo-random numbers, so every run sees the same cluster. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEAMS = ['payments', 'shipping', 'search', 'identity', 'billing', 'data'];
const REGISTRIES = [
  'registry.acme.example',
  'ghcr.io/acme',
  'docker.io/library',
  'quay.io/acme',
];

function metadata(name, namespace, labels) {
  return { name, namespace, labels };
}

function container(name, rand, team) {
  const registry = REGISTRIES[Math.floor(rand() * REGISTRIES.length)];
  const tagRoll = rand();
  let image = `${registry}/${team}/${name}:1.${Math.floor(
    rand() * 40,
  )}.${Math.floor(rand() * 10)}`;
  if (tagRoll < 0.1) image = `${registry}/${team}/${name}:latest`;
  else if (tagRoll < 0.2)
    image = `${registry}/${team}/${name}@sha256:${'ab12'.repeat(16)}`;
  const c = {
    name,
    image,
    ports: [{ name: 'http', containerPort: 8080 }],
    env: [
      {
        name: 'DB_PASSWORD',
        valueFrom: { secretKeyRef: { name: `${name}-db`, key: 'password' } },
      },
    ],
  };
  if (rand() < 0.05)
    c.env.push({ name: 'API_TOKEN', value: 'not-a-real-token' });
  if (rand() < 0.85) {
    c.resources = {
      requests: { cpu: `${50 + Math.floor(rand() * 450)}m`, memory: '256Mi' },
      limits:
        rand() < 0.8 ? { memory: '512Mi', cpu: '1' } : { memory: '512Mi' },
    };
  }
  if (rand() < 0.8) {
    c.readinessProbe = { httpGet: { path: '/ready', port: 'http' } };
  }
  if (rand() < 0.7) {
    c.livenessProbe =
      rand() < 0.2
        ? c.readinessProbe ?? { tcpSocket: { port: 8080 } }
        : { httpGet: { path: '/healthz', port: 'http' } };
  }
  if (rand() < 0.75) {
    c.securityContext = {
      allowPrivilegeEscalation: rand() < 0.9 ? false : undefined,
      readOnlyRootFilesystem: rand() < 0.7,
      capabilities:
        rand() < 0.8 ? { drop: ['ALL'] } : { add: ['NET_BIND_SERVICE'] },
    };
  }
  if (rand() < 0.02) c.securityContext = { privileged: true };
  return c;
}

/** One workload with its Service and, by chance, PDB, HPA and NetworkPolicy. */
function workloadObjects(index, rand) {
  const team = TEAMS[index % TEAMS.length];
  const namespace = `${team}-${Math.floor(index / 50) % 200}`;
  const name = `svc-${index}`;
  const labels = { app: name, 'app.kubernetes.io/part-of': team };
  const replicas = 1 + Math.floor(rand() * 4);
  const containers = [container(name, rand, team)];
  if (rand() < 0.3) containers.push(container(`${name}-sidecar`, rand, team));
  const podSpec = {
    serviceAccountName: rand() < 0.7 ? name : 'default',
    containers,
  };
  if (rand() < 0.6) {
    podSpec.securityContext = {
      runAsNonRoot: true,
      runAsUser: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    };
  }
  if (rand() < 0.5) podSpec.automountServiceAccountToken = false;
  if (rand() < 0.4) podSpec.priorityClassName = 'production';
  if (rand() < 0.5) {
    podSpec.topologySpreadConstraints = [
      {
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: { matchLabels: { app: name } },
      },
    ];
  }
  if (rand() < 0.1) {
    podSpec.volumes = [
      { name: 'data', persistentVolumeClaim: { claimName: `${name}-data` } },
    ];
  }
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: metadata(name, namespace, labels),
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata:
          rand() < 0.6
            ? { labels, annotations: { 'prometheus.io/scrape': 'true' } }
            : { labels },
        spec: podSpec,
      },
    },
  };
  if (rand() < 0.05) deployment.spec.revisionHistoryLimit = 0;
  if (rand() < 0.1) deployment.spec.strategy = { type: 'Recreate' };
  const objects = [
    deployment,
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata(name, namespace, { app: name }),
      spec: {
        selector: { app: name },
        ports: [{ port: 80, targetPort: 'http' }],
      },
    },
  ];
  if (rand() < 0.7) {
    objects.push({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: metadata(name, namespace, { app: name }),
      spec:
        rand() < 0.1
          ? { maxUnavailable: 0, selector: { matchLabels: { app: name } } }
          : { maxUnavailable: 1, selector: { matchLabels: { app: name } } },
    });
  }
  if (rand() < 0.5) {
    objects.push({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: metadata(name, namespace, { app: name }),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
        minReplicas: 1 + Math.floor(rand() * 3),
        maxReplicas: 10,
      },
    });
  }
  if (rand() < 0.6) {
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: metadata(name, namespace, { app: name }),
      spec: {
        podSelector: { matchLabels: { app: name } },
        policyTypes: rand() < 0.5 ? ['Ingress', 'Egress'] : ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: {} }] }],
      },
    });
  }
  return objects;
}

function cluster(workloads) {
  const rand = random(workloads);
  const objects = [];
  for (let i = 0; i < workloads; i++) {
    for (const object of workloadObjects(i, rand)) objects.push(object);
  }
  return objects;
}

module.exports = { cluster };
