/**
 * A Kubernetes validating admission webhook (AdmissionReview v1) that
 * scores incoming workloads with the readiness engine and the portal's
 * configuration, against the levels their namespace's labels ask for.
 *
 * @packageDocumentation
 */

export { run, readSettings } from './main';
export type { AdmissionSettings } from './main';
export { runEvaluationWorker } from './evaluation/workerMain';
export { EvaluatorPool } from './evaluation/EvaluatorPool';
export type {
  Evaluation,
  EvaluatorPoolOptions,
} from './evaluation/EvaluatorPool';
export { judgeWorkload } from './evaluation/judge';
export type { FailingCheck, JudgeRequest, Verdict } from './evaluation/judge';
export type { EvaluationRequest, RelatedSnapshot } from './evaluation/snapshot';
export { RelatedObjectsCache } from './cache/RelatedObjectsCache';
export { startAdmissionServer } from './server';
export type {
  AdmissionCache,
  AdmissionEvaluator,
  AdmissionServer,
  AdmissionServerOptions,
} from './server';
export { AdmissionMetrics } from './metrics';
export { namespacePolicy } from './policy';
export type { NamespacePolicy } from './policy';
export type {
  AdmissionRequest,
  AdmissionResponse,
  AdmissionReview,
  AuditRecord,
} from './review';
export { loadAdmissionConfig, parseAdmissionConfig } from './config';
