/**
 * Access logs: one JSON line per request (method, path, status, duration,
 * request id), so a request can be followed from the ingress controller's
 * log to this service's without a shell on the pod.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Level } from './log.ts';

/** What a caller may send as X-Request-ID; anything else gets a new id. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const MAX_PATH_LENGTH = 256;

/** Probes come every few seconds: logged only at LOG_LEVEL=debug. */
const QUIET_ROUTES = new Set(['/healthz', '/ready']);

export interface AccessLogEntry {
  method: string;
  /** The path without its query string, which often carries tokens. */
  path: string;
  status: number;
  durationMs: number;
  requestId: string;
}

/** The caller's id (the ingress controller sets one), or a new one. */
export function requestIdOf(request: IncomingMessage): string {
  const header = request.headers['x-request-id'];
  const given = Array.isArray(header) ? header[0] : header;
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

/** The path of a request URL: no query string, no fragment, bounded length. */
export function pathOf(url: string | undefined): string {
  const path = (url ?? '/').split(/[?#]/, 1)[0] || '/';
  return path.length > MAX_PATH_LENGTH
    ? `${path.slice(0, MAX_PATH_LENGTH)}...`
    : path;
}

export function accessLogLevel(route: string): Level {
  return QUIET_ROUTES.has(route) ? 'debug' : 'info';
}
