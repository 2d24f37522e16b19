/**
 * The HTTP service: its own routes, plus what the platform needs to run it
 * safely.
 *
 * - `/healthz` (liveness): the process answers. It checks nothing else, so
 *   an outage of a dependency does not get every pod restarted.
 * - `/ready` (readiness): the service can do real work now. Kubernetes sends
 *   traffic only to ready pods, and stops when a pod shuts down.
 * - `/metrics`: Prometheus metrics.
 */
import { constants } from 'node:fs';
import { access, unlink, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import { log } from './log.ts';
import { Metrics } from './metrics.ts';

export interface ServiceOptions {
  /** The service's name, in responses and logs. */
  name: string;
  /** Folder the service keeps its data in; `/ready` fails when it cannot write there. */
  dataDir?: string;
}

export interface Service {
  server: Server;
  metrics: Metrics;
  /**
   * Starts a graceful shutdown: `/ready` fails at once, so the pod leaves
   * the Service's endpoints; after `delayMs` the listener closes and
   * in-flight requests finish.
   */
  shutDown(delayMs: number): Promise<void>;
}

/** Routes reported in metrics; anything else is counted as "other". */
const ROUTES = new Set(['/', '/healthz', '/ready', '/metrics']);

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
    const send = (status: number, type: string, body: string) => {
      response.writeHead(status, {
        'content-type': type,
        'cache-control': 'no-store',
      });
      response.end(body);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observe(request.method ?? 'GET', route, status, seconds);
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
        case '/metrics':
          send(200, 'text/plain; version=0.0.4', metrics.render());
          return;
        case '/':
          json(200, { service: options.name, message: 'Hello!' });
          return;
        default:
          json(404, { error: 'not found' });
      }
    } catch (error) {
      log('error', 'request failed', {
        route,
        error: (error as Error).message,
      });
      json(500, { error: 'internal error' });
    }
  });
  // Idle keep-alive connections must not hold a shutdown open.
  server.keepAliveTimeout = 5_000;

  return {
    server,
    metrics,
    async shutDown(delayMs: number) {
      shuttingDown = true;
      log('info', 'shutting down: readiness fails now', { delayMs });
      await new Promise(resolve => setTimeout(resolve, delayMs));
      await new Promise<void>((resolve, reject) => {
        server.close(error => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      });
      log('info', 'stopped');
    },
  };
}
