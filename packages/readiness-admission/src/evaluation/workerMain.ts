/**
 * The worker-thread side of the {@link EvaluatorPool}: loads the portal's
 * configuration once (custom checks compiled once per worker), then judges
 * each workload it is sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadAdmissionConfig } from '../config';
import { judgeWorkload, Verdict } from './judge';
import { EvaluationRequest, SnapshotReader } from './snapshot';

/** The data a worker starts with. */
export interface EvaluationWorkerData {
  configFile?: string;
}

/** A message from the pool to a worker. */
export interface JudgeMessage {
  id: number;
  request: EvaluationRequest;
}

/** A message from a worker to the pool. */
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'failed'; error: string }
  | { type: 'verdict'; id: number; verdict: Verdict }
  | { type: 'error'; id: number; error: string };

/** Runs in a worker thread started by the pool (bin/evaluation-worker.js). */
export function runEvaluationWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('runEvaluationWorker runs in a worker thread');
  const post = (reply: WorkerReply) => port.postMessage(reply);
  let config;
  try {
    config = loadAdmissionConfig(
      (workerData as EvaluationWorkerData | undefined)?.configFile,
    );
  } catch (error) {
    post({ type: 'failed', error: (error as Error).message });
    return;
  }
  const loaded = config;
  const snapshots = new SnapshotReader();
  port.on('message', ({ id, request }: JudgeMessage) => {
    try {
      const related = snapshots.read(request.namespace, request.snapshot);
      const verdict = judgeWorkload(
        { object: request.object, related },
        loaded,
      );
      post({ type: 'verdict', id, verdict });
    } catch (error) {
      post({ type: 'error', id, error: (error as Error).message });
    }
  });
  post({ type: 'ready' });
}
