/**
 * The worker-thread side of `POST /evaluate`. `EvaluatePool` starts threads
 * that load this module; in them it answers each job with the report as JSON
 * bytes, handed over to the main thread without a copy.
 *
 * The main thread imports it too (for the file name and the message types);
 * there the listener below stays off.
 */
import { InputError } from '@backstage/errors';
import { ReadinessConfig } from '@prodready/backstage-plugin-readiness-common';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { EvaluateRequest, evaluateRequestBody } from './evaluateBody';
import {
  restoreEngine,
  WorkerEngine,
  withModuleChecksWarning,
} from './workerEngine';

/**
 * This module's own file: `src/service/evaluateWorker.ts` when the backend
 * runs from its TypeScript sources (development, tests), the built
 * `dist/service/evaluateWorker.cjs.js` in production.
 */
export const EVALUATE_WORKER_FILE = __filename;

/** Marks the threads started for this module in their `workerData`. */
export const EVALUATE_WORKER_ROLE = 'readiness-evaluate';

export interface EvaluateWorkerData {
  role: typeof EVALUATE_WORKER_ROLE;
  /** Data only: compiled checks cannot be sent to a thread. */
  engine: WorkerEngine;
}

export interface EvaluateJob {
  id: number;
  request: EvaluateRequest;
}

export type EvaluateReply =
  | { ready: true }
  | { id: number; ok: true; json: Uint8Array }
  | { id: number; ok: false; error: { name: string; message: string } };

const encoder = new TextEncoder();

/**
 * Runs one job; never throws. `moduleCheckIds` are the checks of backend
 * modules, which the thread does not have.
 */
export function answerJob(
  job: EvaluateJob,
  engine: ReadinessConfig,
  moduleCheckIds: readonly string[] = [],
) {
  try {
    const report = withModuleChecksWarning(
      evaluateRequestBody(job.request, engine),
      moduleCheckIds,
    );
    const reply = {
      id: job.id,
      ok: true as const,
      json: encoder.encode(JSON.stringify(report)),
    };
    return reply;
  } catch (error) {
    const reply = {
      id: job.id,
      ok: false as const,
      error:
        error instanceof InputError
          ? { name: error.name, message: error.message }
          : {
              name: 'Error',
              message: `evaluation failed: ${
                error instanceof Error ? error.message : String(error)
              }`,
            },
    };
    return reply;
  }
}

const data = workerData as Partial<EvaluateWorkerData> | undefined;
if (!isMainThread && parentPort && data?.role === EVALUATE_WORKER_ROLE) {
  const port = parentPort;
  const received = data.engine as WorkerEngine;
  // Compiles the custom checks once for the thread's life.
  const engine = restoreEngine(received);
  port.on('message', (job: EvaluateJob) => {
    const reply = answerJob(job, engine, received.moduleCheckIds);
    port.postMessage(reply, reply.ok ? [reply.json.buffer as ArrayBuffer] : []);
  });
  // Jobs are timed from here: loading the engine is not the job's time.
  port.postMessage({ ready: true } satisfies EvaluateReply);
}
