/**
 * The HTTPS server the API server calls: `POST /validate` answers
 * AdmissionReviews within the time budget; `/healthz`, `/readyz` (once the
 * cache has synced) and `/metrics` (Prometheus text) serve the kubelet and
 * monitoring. TLS certificate and key are read from files, as cert-manager
 * mounts them, and read again when they change (certificates are renewed
 * while the server runs).
 */
import { readFileSync, statSync } from 'node:fs';
import { createServer, Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Evaluation } from './evaluation/EvaluatorPool';
import type { EvaluationRequest, RelatedSnapshot } from './evaluation/snapshot';
import { AdmissionMetrics } from './metrics';
import {
  AuditRecord,
  InvalidReviewError,
  readRequest,
  responseReview,
  reviewAdmission,
} from './review';

/** AdmissionReviews carry the object and its old version; etcd caps objects at 1.5 MiB. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** What the server judges with. */
export interface AdmissionCache {
  namespaceLabels(namespace: string): Record<string, string> | undefined;
  snapshotOf(namespace: string): RelatedSnapshot;
  readonly hasSynced: boolean;
  counts(): Record<string, number>;
}

export interface AdmissionEvaluator {
  evaluate(request: EvaluationRequest, budgetMs: number): Promise<Evaluation>;
}

export interface AdmissionServerOptions {
  /** PEM files, as cert-manager mounts them (`tls.crt`, `tls.key`). */
  tls: { certFile: string; keyFile: string };
  port?: number;
  host?: string;
  /** The most a review may take, from request to answer; default 2000 ms. */
  budgetMs?: number;
  /** Answer when no verdict comes in time; default allow (with a warning). */
  onTimeout?: 'allow' | 'deny';
  cache: AdmissionCache;
  evaluator: AdmissionEvaluator;
  metrics?: AdmissionMetrics;
  /** One structured log record (audit lines, errors); default JSON on stdout. */
  log?: (record: Record<string, unknown>) => void;
  /** How often the certificate files are checked for a renewal; default 60 s. */
  certificateCheckMs?: number;
}

export interface AdmissionServer {
  url: string;
  port: number;
  metrics: AdmissionMetrics;
  close(): Promise<void>;
}

const defaultLog = (record: Record<string, unknown>) =>
  process.stdout.write(
    `${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`,
  );

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, rejectBody) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        rejectBody(new InvalidReviewError('the request body is too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', rejectBody);
  });
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  type = 'application/json',
): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Certificate and key, with the files' modification times to notice renewals. */
function readCertificate(tls: AdmissionServerOptions['tls']) {
  return {
    cert: readFileSync(tls.certFile),
    key: readFileSync(tls.keyFile),
    stamp: `${statSync(tls.certFile).mtimeMs}:${statSync(tls.keyFile).mtimeMs}`,
  };
}

export async function startAdmissionServer(
  options: AdmissionServerOptions,
): Promise<AdmissionServer> {
  const budgetMs = options.budgetMs ?? 2000;
  const onTimeout = options.onTimeout ?? 'allow';
  const metrics = options.metrics ?? new AdmissionMetrics();
  const log = options.log ?? defaultLog;
  const { cache, evaluator } = options;

  let certificate = readCertificate(options.tls);
  const server: Server = createServer(
    { cert: certificate.cert, key: certificate.key },
    (req, res) => {
      handle(req, res).catch(error => {
        log({ level: 'error', msg: 'request failed', error: String(error) });
        if (!res.headersSent) send(res, 500, '{"error":"internal error"}');
      });
    },
  );
  const certificateTimer = setInterval(() => {
    try {
      const next = readCertificate(options.tls);
      if (next.stamp === certificate.stamp) return;
      server.setSecureContext({ cert: next.cert, key: next.key });
      certificate = next;
      log({ level: 'info', msg: 'TLS certificate reloaded' });
    } catch (error) {
      // Mid-rotation the files may be missing; the old context still serves.
      log({
        level: 'warn',
        msg: 'TLS certificate not reloaded',
        error: String(error),
      });
    }
  }, options.certificateCheckMs ?? 60_000);
  certificateTimer.unref();

  const audit = (record: AuditRecord) => {
    metrics.recordAuditViolation(record.namespace, record.required);
    log({ level: 'info', msg: 'readiness audit', ...record });
  };

  async function validate(req: IncomingMessage, res: ServerResponse) {
    const started = Date.now();
    const deadline = started + budgetMs;
    let request;
    try {
      request = readRequest(JSON.parse(await readBody(req)));
    } catch (error) {
      const message =
        error instanceof InvalidReviewError || error instanceof SyntaxError
          ? error.message
          : 'the request could not be read';
      send(res, 400, JSON.stringify({ error: message }));
      return;
    }
    const result = await reviewAdmission(request, {
      namespaceLabels: namespace => cache.namespaceLabels(namespace),
      snapshotOf: namespace => cache.snapshotOf(namespace),
      evaluate: (judged, leftMs) => evaluator.evaluate(judged, leftMs),
      onTimeout,
      deadline,
      audit,
    });
    if (result.outcome === 'error' || result.outcome === 'timeout') {
      log({
        level: 'warn',
        msg: 'workload not judged',
        outcome: result.outcome,
        uid: request.uid,
        namespace: request.namespace,
        name: request.object?.metadata?.name ?? request.name,
      });
    }
    send(res, 200, JSON.stringify(responseReview(result.response)));
    metrics.recordReview(
      result.outcome,
      request.dryRun === true,
      (Date.now() - started) / 1000,
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/validate') {
      if (req.method !== 'POST') {
        send(res, 405, '{"error":"POST an AdmissionReview"}');
        return;
      }
      await validate(req, res);
    } else if (path === '/healthz' && req.method === 'GET') {
      send(res, 200, 'ok\n', 'text/plain');
    } else if (path === '/readyz' && req.method === 'GET') {
      if (cache.hasSynced) send(res, 200, 'ok\n', 'text/plain');
      else send(res, 503, 'the cache has not synced\n', 'text/plain');
    } else if (path === '/metrics' && req.method === 'GET') {
      send(
        res,
        200,
        metrics.render(cache.counts()),
        'text/plain; version=0.0.4',
      );
    } else {
      send(res, 404, '{"error":"not found"}');
    }
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 8443, options.host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host =
    options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  return {
    url: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    metrics,
    close: () =>
      new Promise<void>(resolveClose => {
        clearInterval(certificateTimer);
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
