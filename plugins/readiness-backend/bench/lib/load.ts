/**
 * Load: clients in a worker thread, so that they do not share the backend's
 * event loop, each sending one request after another.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export interface LoadResult {
  latencies: number[];
  errors: number;
  firstError?: string;
  bytes: number;
  elapsedMs: number;
}

const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const { baseUrl, authorization, paths, concurrency, durationMs, timeoutMs } = workerData;
const latencies = [];
let errors = 0;
let firstError;
let bytes = 0;
let next = 0;
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const url = new URL(baseUrl);
// A plain HTTP/1.1 request on a kept-alive socket, taking gzip as a browser
// does and not inflating it: the clients share the machine with the backend,
// so each request should cost them as little CPU as it can.
function request(path) {
  return new Promise((resolve, reject) => {
    const req = http.request({
      agent, host: url.hostname, port: url.port, path,
      headers: { authorization, 'accept-encoding': 'gzip' },
      timeout: timeoutMs,
    }, res => {
      const chunks = [];
      let length = 0;
      res.on('data', chunk => { chunks.push(chunk); length += chunk.length; });
      res.on('end', () => resolve({ status: res.statusCode, length, chunks }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })));
    req.on('error', reject);
    req.end();
  });
}
async function client(deadline) {
  while (performance.now() < deadline) {
    const path = paths[next++ % paths.length];
    const start = performance.now();
    try {
      const response = await request(path);
      if (response.status >= 200 && response.status < 300) {
        latencies.push(performance.now() - start);
        bytes += response.length;
      } else {
        errors++;
        firstError ??= response.status + ' ' + Buffer.concat(response.chunks).toString().slice(0, 200);
      }
    } catch (error) {
      errors++;
      firstError ??= error.name === 'TimeoutError'
        ? 'no answer within ' + timeoutMs / 1000 + ' s'
        : String(error);
    }
  }
}
const started = performance.now();
Promise.all(
  Array.from({ length: concurrency }, () => client(started + durationMs)),
).then(() => {
  parentPort.postMessage({
    latencies, errors, firstError, bytes, elapsedMs: performance.now() - started,
  });
});
`;

/**
 * Sends requests for `durationMs` from `concurrency` clients, taking the
 * paths in turn; requests in flight at the end are awaited and counted. A
 * request without an answer after `timeoutMs` is given up and counted as an
 * error, so that a slow route cannot stretch a run without bound.
 */
export function runLoad(options: {
  baseUrl: string;
  authorization: string;
  paths: string[];
  concurrency: number;
  durationMs: number;
  timeoutMs: number;
}): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD_WORKER, { eval: true, workerData: options });
    worker.once('message', result => {
      resolve(result);
      worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil(fraction * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

/** Runs `run`, writing a CPU profile of this thread into `folder` if given. */
export async function profiled<T>(
  folder: string | undefined,
  name: string,
  run: () => Promise<T>,
): Promise<T> {
  if (!folder) return run();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(
      path.join(folder, `${name}.cpuprofile`),
      JSON.stringify(profile),
    );
    session.disconnect();
  }
}
