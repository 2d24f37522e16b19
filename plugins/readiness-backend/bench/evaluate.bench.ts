/**
 * Benchmark of `POST /evaluate` against the backend's responsiveness. It
 * prints figures and asserts nothing; see docs/benchmarks.md. Run it as the
 * backend runs in development, with Backstage's TypeScript transform:
 *
 *   cd plugins/readiness-backend
 *   NODE_ENV=production node --require @backstage/cli/config/nodeTransform.cjs bench/evaluate.bench.ts
 *
 * It starts the real plugin in a test backend (the worker threads load the
 * way they do in a backend started by `backstage-cli package start`), then,
 * while evaluations are in flight, asks `GET /health` every 50 ms and
 * records how long each answer takes:
 *
 * - "worker threads": the plugin as configured by default on this machine;
 * - "event loop": the same router with the evaluation run on the main
 *   thread, as `POST /evaluate` did before the worker threads.
 *
 * It also prints the size of each report detail for inputs of 4 to 5 MiB.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DEFAULT_READINESS_CONFIG } from '@prodready/backstage-plugin-readiness-common';
import express from 'express';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { readinessPlugin } from '../src/plugin';
import { createRouter } from '../src/router';
import { defaultEvaluateWorkers } from '../src/config/backendConfig';
import { evaluateRequestBody } from '../src/service/evaluateBody';
import { answerJob } from '../src/service/evaluateWorker';
import { manyDeploymentsYaml } from '../src/service/testManifests';

const MIB = 1024 * 1024;
const encoder = new TextEncoder();

interface Run {
  statuses: Record<number, number>;
  seconds: number;
  health: number[];
}

async function post(base: string, body: string, query: string) {
  const response = await fetch(`${base}/evaluate${query}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/yaml',
      authorization: 'Bearer mock-user-token',
    },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

/** `count` bodies at once, and /health every 50 ms until they are answered. */
async function load(base: string, body: string, count: number): Promise<Run> {
  const started = performance.now();
  let pending = count;
  const statuses: Record<number, number> = {};
  const requests = Array.from({ length: count }, () =>
    post(base, body, '?detail=summary').then(status => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      pending--;
    }),
  );
  const health: number[] = [];
  while (pending > 0) {
    const t = performance.now();
    const response = await fetch(`${base}/health`);
    await response.arrayBuffer();
    health.push(performance.now() - t);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  await Promise.all(requests);
  return { statuses, seconds: (performance.now() - started) / 1000, health };
}

function describeRun(name: string, run: Run) {
  const sorted = [...run.health].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  // eslint-disable-next-line no-console
  console.log(
    `${name}: ${run.seconds.toFixed(1)} s, statuses ${JSON.stringify(
      run.statuses,
    )}; /health ${sorted.length} probes, median ${at(0.5).toFixed(
      0,
    )} ms, p95 ${at(0.95).toFixed(0)} ms, max ${(sorted.at(-1) ?? 0).toFixed(
      0,
    )} ms`,
  );
}

/** The plugin's router with the evaluation on the main thread, as before. */
async function eventLoopServer(): Promise<{ base: string; close(): void }> {
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions(),
    store: {} as any,
    access: {} as any,
    platformAccess: {} as any,
    evaluator: {} as any,
    publishTargets: {} as any,
    catalogue: DEFAULT_READINESS_CONFIG.catalogue,
    campaigns: {} as any,
    evaluate: {
      pool: {
        run: async request => {
          const reply = answerJob({ id: 0, request }, DEFAULT_READINESS_CONFIG);
          if (!reply.ok) throw new Error(reply.error.message);
          return reply.json;
        },
      },
      maxBodyBytes: 8 * MIB,
      fullReportMaxBytes: MIB,
    },
  });
  const app = express().use('/api/readiness', router);
  const server = http.createServer(app);
  await new Promise<void>(resolve => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/api/readiness`,
    close: () => server.close(),
  };
}

async function main() {
  // eslint-disable-next-line no-console
  const log = console.log;
  log(
    `${os.availableParallelism()} cores; default worker threads: ${defaultEvaluateWorkers()}`,
  );

  const twoMib = manyDeploymentsYaml(2 * MIB);
  const oneMib = manyDeploymentsYaml(MIB);

  const backend = await startTestBackend({
    features: [
      readinessPlugin,
      catalogServiceMock.factory(),
      mockServices.rootConfig.factory({
        data: {
          readiness: {
            schedule: {
              frequency: { hours: 1 },
              timeout: { minutes: 1 },
              initialDelay: { hours: 1 },
            },
            evaluate: { maxBodyBytes: 8 * MIB, timeout: '5m' },
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const workers = `http://127.0.0.1:${port}/api/readiness`;
  // The first job of a thread loads the engine: not part of the figures.
  await post(workers, manyDeploymentsYaml(1024), '');

  const loop = await eventLoopServer();
  for (const [name, body, count] of [
    ['1 × 2 MiB', twoMib, 1],
    ['4 × 2 MiB', twoMib, 4],
    ['20 × 1 MiB', oneMib, 20],
  ] as const) {
    describeRun(`${name}, worker threads`, await load(workers, body, count));
    describeRun(`${name}, event loop`, await load(loop.base, body, count));
  }
  loop.close();
  await backend.stop();

  for (const [name, text] of [
    ['Deployments with gaps', manyDeploymentsYaml(5 * MIB)],
    // With their PDBs, policies and HPAs: 10,000 documents is about 4.5 MiB.
    ['hardened Deployments', hardenedYaml(4 * MIB)],
  ] as const) {
    const body = encoder.encode(text);
    for (const detail of ['full', 'compact', 'summary'] as const) {
      const report = evaluateRequestBody(
        { body, format: 'yaml', detail, now: new Date().toISOString() },
        DEFAULT_READINESS_CONFIG,
      );
      log(
        `${(body.length / MIB).toFixed(1)} MiB of YAML, ${
          report.workloads.length
        } ${name}, detail=${detail}: ${(
          JSON.stringify(report).length / MIB
        ).toFixed(1)} MiB of JSON`,
      );
    }
  }
}

/** Deployments that pass most checks, with their PDBs and policies. */
function hardenedYaml(bytes: number): string {
  const documents: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const name = `api-${String(i).padStart(5, '0')}`;
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: shop }
spec:
  replicas: 3
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata:
      labels: { app: ${name} }
      annotations: { prometheus.io/scrape: "true" }
    spec:
      serviceAccountName: ${name}
      automountServiceAccountToken: false
      priorityClassName: production
      securityContext: { runAsNonRoot: true, seccompProfile: { type: RuntimeDefault } }
      topologySpreadConstraints:
        - { maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { app: ${name} } } }
      containers:
        - name: app
          image: ghcr.io/acme/${name}:2.1.0
          ports: [{ name: http, containerPort: 8080 }]
          readinessProbe: { httpGet: { path: /ready, port: http } }
          livenessProbe: { httpGet: { path: /live, port: http } }
          resources: { requests: { cpu: 100m, memory: 128Mi }, limits: { cpu: "1", memory: 256Mi } }
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: [ALL] } }
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: ${name}, namespace: shop }
spec: { maxUnavailable: 1, selector: { matchLabels: { app: ${name} } } }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${name}, namespace: shop }
spec: { podSelector: { matchLabels: { app: ${name} } }, policyTypes: [Ingress, Egress] }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: ${name}, namespace: shop }
spec: { scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: ${name} }, minReplicas: 3, maxReplicas: 6 }
`;
    documents.push(text);
    size += text.length + 4;
  }
  return documents.join('---\n');
}

main().then(
  // Idle keep-alive sockets would keep the process running.
  () => process.exit(0),
  error => {
    // eslint-disable-next-line no-console
    console.error(error);
    process.exit(1);
  },
);
