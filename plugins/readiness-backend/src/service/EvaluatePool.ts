/**
 * A small, bounded pool of worker threads for `POST /evaluate`.
 *
 * Why not a library such as piscina: this pool needs a fixed number of
 * threads, a bounded queue that refuses work with an estimate of when to
 * retry, a per-job timeout that ends a stuck thread, and a memory cap per
 * thread. That is about 200 lines over `node:worker_threads`, with no new
 * dependency to install, audit and keep in step with Node releases. What
 * piscina adds beyond that (Atomics-based messaging, dynamic sizing, idle
 * thread timeouts) saves microseconds per job on jobs that take seconds.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { ReadinessConfig } from '@prodready/backstage-plugin-readiness-common';
import { Worker } from 'node:worker_threads';
import { EvaluateRequest } from './evaluateBody';
import {
  EVALUATE_WORKER_FILE,
  EVALUATE_WORKER_ROLE,
  EvaluateJob,
  EvaluateReply,
  EvaluateWorkerData,
} from './evaluateWorker';
import { BusyError, PayloadTooLargeError } from './httpErrors';
import { WorkerEngine, workerEngineOf } from './workerEngine';

export interface EvaluatePoolOptions {
  /** Threads evaluating at once. */
  workers: number;
  /** Jobs that may wait for a thread; more are refused with a 503. */
  maxQueued: number;
  /** Time one job may run before its thread is ended, in milliseconds. */
  timeoutMs: number;
  /** Heap of one thread, in MiB; a job needing more is refused with a 413. */
  maxMemoryMb: number;
  engine?: ReadinessConfig;
  logger?: LoggerService;
}

/**
 * Loads the worker module. In a backend running from TypeScript sources the
 * thread first installs the Backstage CLI's transform, as the CLI does for
 * the main thread; a built backend loads the compiled module directly.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.transform) require(workerData.transform);
require(workerData.entry);
`;

function bootstrapData(): { entry: string; transform?: string } {
  const entry = EVALUATE_WORKER_FILE;
  if (!/\.[cm]?ts$/.test(entry)) return { entry };
  return {
    entry,
    transform: require.resolve('@backstage/cli/config/nodeTransform.cjs'),
  };
}

interface Pending {
  job: EvaluateJob;
  resolve(json: Uint8Array): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  /** The module is loaded and listening: jobs are timed from here. */
  ready: boolean;
  current?: Pending;
  timer?: NodeJS.Timeout;
  startedAt: number;
}

const SECOND = 1000;

function seconds(ms: number): string {
  return `${Math.round(ms / SECOND)} s`;
}

export class EvaluatePool {
  private readonly threads = new Set<Thread>();
  private readonly idle: Thread[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  /** The configuration as threads receive it, made once. */
  private readonly engine: WorkerEngine;
  /** Moving average of job durations, for Retry-After. */
  private averageMs = SECOND;

  constructor(private readonly options: EvaluatePoolOptions) {
    if (options.workers < 1) {
      throw new Error('EvaluatePool needs at least one worker thread');
    }
    this.engine = workerEngineOf(options.engine);
  }

  /** Jobs waiting for a thread, and jobs running. */
  get load(): { queued: number; running: number } {
    let running = 0;
    for (const thread of this.threads) if (thread.current) running++;
    return { queued: this.queue.length, running };
  }

  /**
   * Evaluates a request body on a worker thread; the report as JSON bytes.
   * Rejects with `BusyError` (503) when the queue is full, `InputError` for
   * a body that cannot be read, `PayloadTooLargeError` when the thread runs
   * out of memory, and `ServiceUnavailableError` on timeout.
   */
  run(request: EvaluateRequest): Promise<Uint8Array> {
    if (this.closed) {
      return Promise.reject(
        new ServiceUnavailableError('The backend is shutting down'),
      );
    }
    const hasThread =
      this.idle.length > 0 || this.threads.size < this.options.workers;
    if (!hasThread && this.queue.length >= this.options.maxQueued) {
      const retryAfter = this.retryAfterSeconds();
      return Promise.reject(
        new BusyError(
          `Too many evaluations in progress (${this.options.workers} running, ` +
            `${this.queue.length} waiting); retry in ${retryAfter} s`,
          retryAfter,
        ),
      );
    }
    return new Promise((resolve, reject) => {
      this.queue.push({
        job: { id: this.nextId++, request },
        resolve,
        reject,
      });
      this.dispatch();
    });
  }

  /** Ends every thread; queued and running jobs are refused. */
  async close(): Promise<void> {
    this.closed = true;
    const stopping = new ServiceUnavailableError(
      'The backend is shutting down',
    );
    for (const pending of this.queue.splice(0)) pending.reject(stopping);
    await Promise.all(
      [...this.threads].map(thread => {
        this.settle(thread, pending => pending.reject(stopping));
        return this.stop(thread);
      }),
    );
  }

  /** Seconds until a thread is likely free for one more job. */
  private retryAfterSeconds(): number {
    const { queued, running } = this.load;
    const ms = (this.averageMs * (queued + running)) / this.options.workers;
    return Math.min(60, Math.max(1, Math.ceil(ms / SECOND)));
  }

  private dispatch() {
    while (this.queue.length > 0 && !this.closed) {
      const thread =
        this.idle.pop() ??
        (this.threads.size < this.options.workers ? this.spawn() : undefined);
      if (!thread) return;
      const pending = this.queue.shift()!;
      thread.current = pending;
      if (thread.ready) this.startClock(thread);
      thread.worker.ref();
      thread.worker.postMessage(pending.job);
    }
  }

  private startClock(thread: Thread) {
    thread.startedAt = Date.now();
    thread.timer = setTimeout(
      () => this.timeOut(thread),
      this.options.timeoutMs,
    );
  }

  private spawn(): Thread {
    const workerData: EvaluateWorkerData & ReturnType<typeof bootstrapData> = {
      role: EVALUATE_WORKER_ROLE,
      engine: this.engine,
      ...bootstrapData(),
    };
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxMemoryMb },
    });
    const thread: Thread = { worker, ready: false, startedAt: 0 };
    this.threads.add(thread);
    worker.unref();
    worker.on('message', (reply: EvaluateReply) => this.onReply(thread, reply));
    worker.on('error', error => this.onFailure(thread, error as Error));
    worker.on('exit', code =>
      this.onFailure(
        thread,
        new Error(`worker thread exited with code ${code}`),
      ),
    );
    return thread;
  }

  private onReply(thread: Thread, reply: EvaluateReply) {
    // A reply that crossed a timeout: the thread is being ended already.
    if (!this.threads.has(thread)) return;
    if ('ready' in reply) {
      thread.ready = true;
      if (thread.current) this.startClock(thread);
      return;
    }
    const elapsed = Date.now() - thread.startedAt;
    this.averageMs = this.averageMs * 0.7 + elapsed * 0.3;
    this.settle(thread, pending => {
      if (reply.ok) {
        pending.resolve(reply.json);
      } else if (reply.error.name === 'InputError') {
        pending.reject(new InputError(reply.error.message));
      } else {
        pending.reject(new Error(reply.error.message));
      }
    });
    thread.worker.unref();
    this.idle.push(thread);
    this.dispatch();
  }

  /** The thread died (crash, out of memory) or ended: drop it. */
  private onFailure(thread: Thread, error: Error & { code?: string }) {
    if (!this.threads.has(thread)) return;
    this.threads.delete(thread);
    const index = this.idle.indexOf(thread);
    if (index >= 0) this.idle.splice(index, 1);
    this.settle(thread, pending => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        pending.reject(
          new PayloadTooLargeError(
            `Evaluating the request body needed more than the ${this.options.maxMemoryMb} MiB ` +
              'a thread may use (readiness.evaluate.maxWorkerMemoryMb); send fewer manifests per request',
          ),
        );
      } else {
        this.options.logger?.error(`Readiness evaluation thread failed`, error);
        pending.reject(new Error(`The evaluation failed: ${error.message}`));
      }
    });
    void this.stop(thread);
    this.dispatch();
  }

  private timeOut(thread: Thread) {
    this.threads.delete(thread);
    this.settle(thread, pending =>
      pending.reject(
        new ServiceUnavailableError(
          `The evaluation took longer than ${seconds(
            this.options.timeoutMs,
          )} and was stopped (readiness.evaluate.timeout); send fewer manifests per request`,
        ),
      ),
    );
    void this.stop(thread);
    this.dispatch();
  }

  /** Hands the thread's current job, if any, to `done`, once. */
  private settle(thread: Thread, done: (pending: Pending) => void) {
    const pending = thread.current;
    clearTimeout(thread.timer);
    thread.current = undefined;
    thread.timer = undefined;
    if (pending) done(pending);
  }

  private async stop(thread: Thread) {
    this.threads.delete(thread);
    thread.worker.removeAllListeners('exit');
    thread.worker.on('error', () => {});
    await thread.worker.terminate();
  }
}
