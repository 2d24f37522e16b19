/**
 * The HTTP service: its own routes, plus what the platform needs to run it
 * safely.
 *
 * - `/healthz` (liveness): the process answers. It checks nothing else, so
 *   an outage of a dependency does not get every pod restarted.
 * - `/ready` (readiness): the service can do real work now. Kubernetes sends
 *   traffic only to ready pods, and stops when a pod shuts down.
 * - `/metrics`: Prometheus metrics, on a server of its own (`metricsServer`,
 *   another port), so no Service or Ingress in front of the service can
 *   expose them.
 *
 * Every request is logged as one JSON line (src/accessLog.ts).
 */
import { constants } from 'node:fs';
import { access, unlink, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import { accessLogLevel, pathOf, requestIdOf } from './accessLog.ts';
import { log } from './log.ts';
import { Metrics } from './metrics.ts';

export interface ServiceOptions {
  /** The service's name, in responses and logs. */
  name: string;
  /** Folder the service keeps its data in; `/ready` fails when it cannot write there. */
  dataDir?: string;
  /** More about this instance for its `/` route, such as its place among its peers. */
  about?: Record<string, unknown>;
}

export interface Service {
  server: Server;
  /** Serves `/metrics` only, on its own port. */
  metricsServer: Server;
  metrics: Metrics;
  /**
   * Starts a graceful shutdown: `/ready` fails at once, so the pod leaves
   * the Service's endpoints; after `delayMs` the listeners close and
   * in-flight requests finish.
   */
  shutDown(delayMs: number): Promise<void>;
}

/** Routes reported in metrics; anything else is counted as "other". */
const ROUTES = new Set(['/', '/healthz', '/ready']);

type Check = () => Promise<string | undefined>;

/** Proves the data folder is writable by writing to it. */
function dataDirCheck(dataDir: string): Check {
  const probe = join(dataDir, '.ready-probe');
  return async () => {
    try {
      await access(dataDir, constants.W_OK);
      await writeFile(probe, String(Date.now()));
      await unlink(probe);
      return undefined;
    } catch (error) {
      return `data directory ${dataDir} is not writable: ${
        (error as Error).message
      }`;
    }
  };
}

function routeOf(request: IncomingMessage): string {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  return ROUTES.has(path) ? path : 'other';
}

async function close(server: Server): Promise<void> {
  if (!server.listening) return;
  await new Promise<void>((resolve, reject) => {
    server.close(error => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}

function createMetricsServer(metrics: Metrics): Server {
  return createServer((request, response) => {
    const found = pathOf(request.url) === '/metrics';
    response.writeHead(found ? 200 : 404, {
      'content-type': found ? 'text/plain; version=0.0.4' : 'text/plain',
      'cache-control': 'no-store',
    });
    response.end(found ? metrics.render() : 'not found\n');
  });
}

export function createService(options: ServiceOptions): Service {
  const metrics = new Metrics();
  const checks: Check[] = [];
  if (options.dataDir) checks.push(dataDirCheck(options.dataDir));
  let shuttingDown = false;

  /** Undefined when ready, otherwise why not. */
  async function notReadyBecause(): Promise<string | undefined> {
    if (shuttingDown) return 'shutting down';
    for (const check of checks) {
      const problem = await check();
      if (problem) return problem;
    }
    return undefined;
  }

  const server = createServer(async (request, response) => {
    const started = process.hrtime.bigint();
    const route = routeOf(request);
    const requestId = requestIdOf(request);
    const send = (status: number, type: string, body: string) => {
      response.writeHead(status, {
        'content-type': type,
        'cache-control': 'no-store',
        'x-request-id': requestId,
      });
      response.end(body);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const method = request.method ?? 'GET';
      metrics.observe(method, route, status, seconds);
      log(accessLogLevel(route), 'request', {
        method,
        path: pathOf(request.url),
        status,
        durationMs: Math.round(seconds * 1e6) / 1e3,
        requestId,
      });
    };
    const json = (status: number, body: unknown) =>
      send(status, 'application/json', JSON.stringify(body));

    try {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        json(405, { error: 'method not allowed' });
        return;
      }
      switch (route) {
        case '/healthz':
          json(200, { status: 'ok' });
          return;
        case '/ready': {
          const problem = await notReadyBecause();
          if (problem) {
            json(503, { status: 'not ready', reason: problem });
          } else {
            json(200, { status: 'ready' });
          }
          return;
        }
        case '/':
          json(200, {
            service: options.name,
            message: 'Hello!',
            ...options.about,
          });
          return;
        default:
          json(404, { error: 'not found' });
      }
    } catch (error) {
      log('error', 'request failed', {
        route,
        requestId,
        error: (error as Error).message,
      });
      json(500, { error: 'internal error' });
    }
  });
  // Idle keep-alive connections must not hold a shutdown open.
  server.keepAliveTimeout = 5_000;
  const metricsServer = createMetricsServer(metrics);

  return {
    server,
    metricsServer,
    metrics,
    async shutDown(delayMs: number) {
      shuttingDown = true;
      log('info', 'shutting down: readiness fails now', { delayMs });
      await new Promise(resolve => setTimeout(resolve, delayMs));
      // Metrics last, so Prometheus sees the final counts.
      await close(server);
      await close(metricsServer);
      log('info', 'stopped');
    },
  };
}
