/**
 * A webhook over a fake cluster, as the tests and the benchmark start it:
 * the fake API server (with PodMonitors served, ServiceMonitors not), the
 * informer cache, evaluation workers and the HTTPS server with a
 * certificate of its own CA.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '@prodready/backstage-plugin-readiness-common';
import {
  FakeKubeApiServer,
  generateCertificates,
  startFakeKubeApiServer,
} from '@prodready/fake-kube-apiserver';
import { RelatedObjectsCache } from '../cache/RelatedObjectsCache';
import { EvaluatorPool } from '../evaluation/EvaluatorPool';
import type { AdmissionReview } from '../review';
import { AdmissionServer, startAdmissionServer } from '../server';

export interface HttpAnswer {
  status: number;
  body: string;
  ms: number;
}

/** One request on a connection of its own (a kept-alive one would outlive a certificate). */
export function call(
  url: string,
  ca: string,
  method: string,
  body?: unknown,
): Promise<HttpAnswer> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { method, ca, agent: false }, res => {
      const chunks: Buffer[] = [];
      res.on('data', chunk => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          ms: Date.now() - started,
        }),
      );
    });
    req.on('error', reject);
    if (body !== undefined) {
      req.setHeader('content-type', 'application/json');
      req.end(typeof body === 'string' ? body : JSON.stringify(body));
    } else {
      req.end();
    }
  });
}

function kubeConfigFor(api: FakeKubeApiServer): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromClusterAndUser(
    { name: 'fake', server: api.url, caData: api.caData, skipTLSVerify: false },
    { name: 'reader', token: api.token },
  );
  return kc;
}

export async function eventually<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > until) return value;
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

/** A webhook over a fake cluster, as the tests start it. */
export interface Harness {
  api: FakeKubeApiServer;
  server: AdmissionServer;
  logs: Record<string, unknown>[];
  /** The CA that signed the webhook's certificate. */
  ca: string;
  /** The files the server reads its certificate and key from. */
  tls: { certFile: string; keyFile: string };
  review(
    review: AdmissionReview,
  ): Promise<AdmissionReview['response'] & { ms: number }>;
  close(): Promise<void>;
}

export async function startHarness(options: {
  objects: KubeObject[];
  appConfig: string;
  budgetMs?: number;
  /** Evaluation worker threads; default 2. */
  workers?: number;
  /** How often the server checks its certificate files; default 60 s. */
  certificateCheckMs?: number;
  onTimeout?: 'allow' | 'deny';
}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'readiness-admission-'));
  const certificates = await generateCertificates('readiness-admission');
  const certFile = join(dir, 'tls.crt');
  const keyFile = join(dir, 'tls.key');
  const configFile = join(dir, 'app-config.yaml');
  writeFileSync(certFile, certificates.certPem);
  writeFileSync(keyFile, certificates.keyPem);
  writeFileSync(configFile, options.appConfig);

  const api = await startFakeKubeApiServer({
    crds: ['podmonitors.monitoring.coreos.com'],
  });
  api.setObjects(options.objects as never);
  const pool = new EvaluatorPool({ size: options.workers ?? 2, configFile });
  await pool.start();
  const cache = new RelatedObjectsCache(kubeConfigFor(api));
  await cache.start();
  const logs: Record<string, unknown>[] = [];
  const server = await startAdmissionServer({
    tls: { certFile, keyFile },
    port: 0,
    host: '127.0.0.1',
    budgetMs: options.budgetMs,
    onTimeout: options.onTimeout,
    certificateCheckMs: options.certificateCheckMs,
    cache,
    evaluator: pool,
    log: record => logs.push(record),
  });
  return {
    api,
    server,
    logs,
    ca: certificates.caPem,
    tls: { certFile, keyFile },
    async review(review) {
      const answer = await call(
        `${server.url}/validate`,
        certificates.caPem,
        'POST',
        review,
      );
      const parsed = JSON.parse(answer.body) as AdmissionReview;
      if (answer.status !== 200 || parsed.kind !== 'AdmissionReview') {
        throw new Error(
          `not an AdmissionReview: ${answer.status} ${answer.body}`,
        );
      }
      return { ...parsed.response!, ms: answer.ms };
    },
    async close() {
      await server.close();
      await cache.stop();
      await pool.close();
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
