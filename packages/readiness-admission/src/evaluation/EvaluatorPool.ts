/**
 * Judges workloads in worker threads, so an evaluation never blocks the
 * server's event loop, and gives each a deadline: a request that has not
 * been judged by then is answered `timeout`, and the worker still busy
 * with it is replaced (JavaScript cannot interrupt it otherwise).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Verdict } from './judge';
import type { EvaluationRequest } from './snapshot';
import type {
  EvaluationWorkerData,
  JudgeMessage,
  WorkerReply,
} from './workerMain';

export interface EvaluatorPoolOptions {
  /** Worker threads; default 2. */
  size?: number;
  /** The app-config file each worker reads its readiness configuration from. */
  configFile?: string;
}

/** The outcome of one evaluation. */
export type Evaluation =
  | { outcome: 'verdict'; verdict: Verdict }
  | { outcome: 'timeout' }
  | { outcome: 'error'; error: string };

interface Job {
  id: number;
  request: EvaluationRequest;
  resolve: (evaluation: Evaluation) => void;
  timer: NodeJS.Timeout;
  worker?: PoolWorker;
}

interface PoolWorker {
  thread: Worker;
  job?: Job;
}

/**
 * This package's root, where bin/evaluation-worker.js is. Found by walking
 * up from this module, which works from src/ and from a build in dist/.
 */
function packageRoot(): string {
  // eslint-disable-next-line no-restricted-syntax
  let dir = __dirname;
  while (!existsSync(join(dir, 'bin', 'evaluation-worker.js'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('evaluation-worker.js not found');
    dir = parent;
  }
  return dir;
}

export class EvaluatorPool {
  private readonly size: number;
  private readonly workerData: EvaluationWorkerData;
  private readonly script = resolve(packageRoot(), 'bin/evaluation-worker.js');
  private readonly idle: PoolWorker[] = [];
  private readonly queue: Job[] = [];
  private readonly all = new Set<PoolWorker>();
  private nextId = 1;
  private closed = false;

  constructor(options: EvaluatorPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? 2);
    this.workerData = { configFile: options.configFile };
  }

  /** Starts the workers; rejects when one cannot load the configuration. */
  async start(): Promise<void> {
    await Promise.all(Array.from({ length: this.size }, () => this.spawn()));
  }

  /** Judges a workload, or answers `timeout` once `budgetMs` has passed. */
  evaluate(request: EvaluationRequest, budgetMs: number): Promise<Evaluation> {
    if (this.closed) {
      return Promise.resolve({ outcome: 'error', error: 'the pool is closed' });
    }
    return new Promise(resolveJob => {
      const job: Job = {
        id: this.nextId++,
        request,
        resolve: resolveJob,
        timer: setTimeout(() => this.expire(job), Math.max(0, budgetMs)),
      };
      this.queue.push(job);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) {
      this.finish(job, { outcome: 'error', error: 'the pool is closed' });
    }
    await Promise.all([...this.all].map(worker => worker.thread.terminate()));
    this.all.clear();
    this.idle.length = 0;
  }

  private spawn(): Promise<void> {
    return new Promise((resolveSpawn, rejectSpawn) => {
      const worker: PoolWorker = {
        thread: new Worker(this.script, { workerData: this.workerData }),
      };
      let ready = false;
      worker.thread.on('message', (reply: WorkerReply) => {
        if (reply.type === 'ready') {
          ready = true;
          this.all.add(worker);
          this.idle.push(worker);
          resolveSpawn();
          this.dispatch();
        } else if (reply.type === 'failed') {
          rejectSpawn(new Error(reply.error));
          worker.thread.terminate();
        } else {
          this.settle(worker, reply);
        }
      });
      worker.thread.on('error', (error: Error) => {
        if (!ready) rejectSpawn(error);
        else this.lose(worker, error.message);
      });
      worker.thread.on('exit', () => {
        if (!ready) rejectSpawn(new Error('the evaluation worker exited'));
        else this.lose(worker, 'the evaluation worker exited');
      });
    });
  }

  /** A worker died or was terminated: fail its job and start another. */
  private lose(worker: PoolWorker, error: string): void {
    if (!this.all.delete(worker)) return;
    const index = this.idle.indexOf(worker);
    if (index >= 0) this.idle.splice(index, 1);
    if (worker.job) this.finish(worker.job, { outcome: 'error', error });
    worker.job = undefined;
    if (!this.closed) {
      this.spawn().catch(() => {
        // The configuration loaded at start; a later failure leaves the
        // pool smaller, and requests answer `timeout` rather than hang.
      });
    }
  }

  private settle(worker: PoolWorker, reply: WorkerReply): void {
    const job = worker.job;
    if (!job || !('id' in reply) || reply.id !== job.id) return;
    worker.job = undefined;
    this.finish(
      job,
      reply.type === 'verdict'
        ? { outcome: 'verdict', verdict: reply.verdict }
        : {
            outcome: 'error',
            error: reply.type === 'error' ? reply.error : '',
          },
    );
    this.idle.push(worker);
    this.dispatch();
  }

  private dispatch(): void {
    while (this.queue.length > 0 && this.idle.length > 0) {
      const job = this.queue.shift()!;
      const worker = this.idle.pop()!;
      worker.job = job;
      job.worker = worker;
      const message: JudgeMessage = { id: job.id, request: job.request };
      worker.thread.postMessage(message);
    }
  }

  private expire(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    this.finish(job, { outcome: 'timeout' });
    const worker = job.worker;
    if (worker && worker.job === job) {
      // Still judging: replace the worker rather than wait for it.
      worker.job = undefined;
      this.lose(worker, 'timeout');
      worker.thread.terminate();
    }
  }

  private finish(job: Job, evaluation: Evaluation): void {
    clearTimeout(job.timer);
    job.resolve(evaluation); // later calls are no-ops
  }
}
