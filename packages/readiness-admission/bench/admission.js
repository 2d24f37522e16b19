#!/usr/bin/env node
/* eslint-disable no-console */
'use strict';

/**
 * Benchmark of admission latency with a warm cache.
 *
 *   yarn bench:admission                 (from the repository root)
 *   yarn bench:admission --requests 500  (fewer requests per phase)
 *
 * A fake API server holds a realistic cluster (syntheticClusterObjects:
 * Deployments with their ReplicaSets, Pods, Services, ConfigMaps, PDBs,
 * HPAs and Ingresses over ten team namespaces, about 2,000 objects) and a
 * team namespace `shop` (enforce silver, warn gold) with twenty typical
 * services' PDBs, Services, NetworkPolicies, HPAs, ServiceAccounts and
 * PodMonitors. The webhook lists and watches it; once its cache has synced,
 * the typical Deployment `shop/web` is sent as a CREATE AdmissionReview
 * over HTTPS on kept-alive connections, as the API server sends them:
 * first one at a time, then from 8 concurrent clients. Latency is measured
 * by the client, from sending the request to the end of the answer.
 *
 * Prints p50/p95/p99 per phase and the load average; asserts nothing. The
 * goal is p99 under 20 ms.
 */

const https = require('node:https');
const os = require('node:os');
const { performance } = require('node:perf_hooks');
const { parseArgs } = require('node:util');

require('@backstage/cli/config/nodeTransform.cjs');
const { syntheticClusterObjects } = require('@prodready/fake-kube-apiserver');
const { startHarness } = require('../src/__testUtils__/harness');
const {
  admissionReview,
  namespaceObject,
  typicalDeployment,
  typicalRelatedObjects,
} = require('../src/__testUtils__/fixtures');

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '300' },
  },
});
const REQUESTS = Number(values.requests);
const CONCURRENCY = Number(values.concurrency);
const WARMUP = Number(values.warmup);

function percentile(sorted, p) {
  const index = Math.min(
    sorted.length - 1,
    Math.max(0, Math.ceil((p / 100) * sorted.length) - 1),
  );
  return sorted[index];
}

function post(agent, url, body) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = https.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      res => {
        const chunks = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () => {
          const elapsed = performance.now() - started;
          const review = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          resolve({ elapsed, response: review.response });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function phase(name, agent, url, count, concurrency) {
  const latencies = [];
  let next = 0;
  let allowed = 0;
  const started = performance.now();
  async function client() {
    while (next < count) {
      next++;
      const body = JSON.stringify(
        admissionReview(typicalDeployment('shop', 'web')),
      );
      const { elapsed, response } = await post(agent, url, body);
      if (response.allowed && !response.warnings) allowed++;
      latencies.push(elapsed);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const ms = value => `${value.toFixed(2)} ms`;
  console.log(
    `${name.padEnd(28)} n=${count}  p50 ${ms(
      percentile(latencies, 50),
    )}  p95 ${ms(percentile(latencies, 95))}  p99 ${ms(
      percentile(latencies, 99),
    )}  max ${ms(latencies[latencies.length - 1])}  ${(count / seconds).toFixed(
      0,
    )} reviews/s`,
  );
  if (allowed !== count) {
    throw new Error(
      `${
        count - allowed
      } of ${count} reviews were not a plain admission: the fixture no longer reaches gold`,
    );
  }
  return percentile(latencies, 99);
}

async function main() {
  const cluster = syntheticClusterObjects({ workloads: 250, namespaces: 10 });
  const shop = [
    namespaceObject('shop', {
      'prodready.dev/enforce': 'silver',
      'prodready.dev/warn': 'gold',
    }),
  ];
  for (let i = 0; i < 20; i++) {
    shop.push(...typicalRelatedObjects('shop', i === 0 ? 'web' : `svc-${i}`));
  }
  const objects = [...cluster, ...shop];
  const harness = await startHarness({
    appConfig: 'readiness: {}\n',
    objects,
  });
  const agent = new https.Agent({
    keepAlive: true,
    maxSockets: CONCURRENCY,
    ca: harness.ca,
  });
  const url = `${harness.server.url}/validate`;
  try {
    console.log(
      `cluster: ${objects.length} objects (${shop.length} in namespace shop); ` +
        `node ${process.version}, ${os.cpus().length} CPUs, ` +
        `load average ${os
          .loadavg()
          .map(l => l.toFixed(2))
          .join(' ')}`,
    );
    await phase('warm-up', agent, url, WARMUP, 1);
    const sequential = await phase('sequential', agent, url, REQUESTS, 1);
    const concurrent = await phase(
      `${CONCURRENCY} concurrent clients`,
      agent,
      url,
      REQUESTS,
      CONCURRENCY,
    );
    console.log(
      `goal p99 < 20 ms: sequential ${sequential < 20 ? 'met' : 'NOT met'}, ` +
        `concurrent ${concurrent < 20 ? 'met' : 'NOT met'}; ` +
        `load average after ${os
          .loadavg()
          .map(l => l.toFixed(2))
          .join(' ')}`,
    );
  } finally {
    agent.destroy();
    await harness.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
