/**
 * One AdmissionReview (admission.k8s.io/v1): decides whether the object is
 * judged, judges it against its namespace's policy and builds the answer.
 * Anything it does not judge is allowed untouched.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  KubeObject,
  ReadinessLevel,
  workloadKindOf,
} from '@prodready/backstage-plugin-readiness-common';
import type { Evaluation } from './evaluation/EvaluatorPool';
import type { Verdict } from './evaluation/judge';
import type { EvaluationRequest, RelatedSnapshot } from './evaluation/snapshot';
import {
  blockingChecks,
  denialMessage,
  describeObject,
  fitWarnings,
  levelWarnings,
} from './messages';
import type { ReviewOutcome } from './metrics';
import { isBelow, namespacePolicy, policyApplies } from './policy';

/** The parts of an AdmissionRequest the webhook reads. */
export interface AdmissionRequest {
  uid: string;
  kind?: { group?: string; version?: string; kind?: string };
  subResource?: string;
  namespace?: string;
  name?: string;
  operation?: string;
  object?: KubeObject | null;
  oldObject?: KubeObject | null;
  dryRun?: boolean;
  userInfo?: { username?: string };
}

export interface AdmissionResponse {
  uid: string;
  allowed: boolean;
  status?: { code: number; reason?: string; message: string };
  warnings?: string[];
}

export interface AdmissionReview {
  apiVersion: 'admission.k8s.io/v1';
  kind: 'AdmissionReview';
  request?: AdmissionRequest;
  response?: AdmissionResponse;
}

/** An audit record: a workload admitted below its namespace's audit level. */
export interface AuditRecord {
  uid: string;
  operation: string;
  kind: string;
  namespace: string;
  name: string;
  user?: string;
  /** The level the workload reached. */
  reached: ReadinessLevel;
  required: ReadinessLevel;
  failingChecks: string[];
}

/** What a review needs from the server. */
export interface ReviewContext {
  /** A namespace's labels, or undefined when the cache does not know it. */
  namespaceLabels(namespace: string): Record<string, string> | undefined;
  /** The cached objects a workload of this namespace is judged with. */
  snapshotOf(namespace: string): RelatedSnapshot;
  /** Judges within the budget left. */
  evaluate(request: EvaluationRequest, budgetMs: number): Promise<Evaluation>;
  /** What to answer when no verdict came in time (or the engine failed). */
  onTimeout: 'allow' | 'deny';
  /** When this review must be answered, epoch milliseconds. */
  deadline: number;
  /** Writes an audit record (never called for dry-run requests). */
  audit(record: AuditRecord): void;
}

export interface ReviewResult {
  response: AdmissionResponse;
  outcome: ReviewOutcome;
}

/** A malformed review: the server answers 400. */
export class InvalidReviewError extends Error {}

const JUDGED_OPERATIONS = new Set(['CREATE', 'UPDATE']);

/** The request of a review body, checked for what the answer needs. */
export function readRequest(body: unknown): AdmissionRequest {
  const review = body as Partial<AdmissionReview> | null;
  if (
    !review ||
    typeof review !== 'object' ||
    review.apiVersion !== 'admission.k8s.io/v1' ||
    review.kind !== 'AdmissionReview'
  ) {
    throw new InvalidReviewError(
      'expected an AdmissionReview of apiVersion admission.k8s.io/v1',
    );
  }
  const request = review.request;
  if (!request || typeof request.uid !== 'string' || !request.uid) {
    throw new InvalidReviewError('the AdmissionReview has no request.uid');
  }
  return request;
}

/** Wraps a response as the API server expects it. */
export function responseReview(response: AdmissionResponse): AdmissionReview {
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    response,
  };
}

function hasController(object: KubeObject): boolean {
  return (object.metadata?.ownerReferences ?? []).some(
    owner => owner?.controller === true,
  );
}

/** Why a request is not judged, or undefined when it is. */
function reasonNotJudged(request: AdmissionRequest): string | undefined {
  if (!JUDGED_OPERATIONS.has(request.operation ?? '')) return 'operation';
  if (request.subResource) return 'subresource';
  const object = request.object;
  if (!object || typeof object !== 'object') return 'no object';
  if (!workloadKindOf(object)) return 'not a workload';
  // Its controller (a CronJob's Job, say) was judged when it was admitted.
  if (hasController(object)) return 'controlled';
  // Controllers write annotations and status on the main resource; judge
  // what the owner changed, as Pod Security Admission does for pods.
  if (
    request.operation === 'UPDATE' &&
    request.oldObject &&
    isDeepStrictEqual(request.oldObject.spec, object.spec)
  ) {
    return 'spec unchanged';
  }
  return undefined;
}

export async function reviewAdmission(
  request: AdmissionRequest,
  context: ReviewContext,
): Promise<ReviewResult> {
  const allow = (
    outcome: ReviewOutcome,
    warnings: string[] = [],
  ): ReviewResult => ({
    response: {
      uid: request.uid,
      allowed: true,
      ...(warnings.length > 0 ? { warnings: fitWarnings(warnings) } : {}),
    },
    outcome,
  });
  if (reasonNotJudged(request)) return allow('skipped');

  const source = request.object!;
  const namespace =
    request.namespace || source.metadata?.namespace || 'default';
  const labels = context.namespaceLabels(namespace);
  if (!labels) {
    // Created in the same apply, not yet seen by the watch.
    return allow('skipped', [
      `readiness admission: namespace ${namespace} is not in the webhook's cache yet; ${source.kind} not judged`,
    ]);
  }
  const policy = namespacePolicy(labels);
  if (!policyApplies(policy)) return allow('skipped', policy.problems);

  const object: KubeObject = {
    ...source,
    metadata: { ...source.metadata, namespace },
  };
  const subject = describeObject(
    String(object.kind),
    namespace,
    object.metadata?.name ?? request.name ?? '',
  );
  const evaluation = await context.evaluate(
    { object, namespace, snapshot: context.snapshotOf(namespace) },
    context.deadline - Date.now(),
  );
  if (evaluation.outcome !== 'verdict') {
    const why =
      evaluation.outcome === 'timeout'
        ? 'not judged within the time budget'
        : `not judged: ${evaluation.error}`;
    const outcome = evaluation.outcome;
    if (
      context.onTimeout === 'deny' &&
      policy.enforce &&
      policy.enforce !== 'none'
    ) {
      return {
        response: {
          uid: request.uid,
          allowed: false,
          status: {
            code: 503,
            reason: 'ServiceUnavailable',
            message: `${subject} ${why}; denied (onTimeout: deny). Retry, or ask the platform team.`,
          },
        },
        outcome,
      };
    }
    return allow(outcome, [
      ...policy.problems,
      `readiness admission: ${subject} ${why}; admitted (onTimeout: allow)`,
    ]);
  }
  return answer(
    request,
    context,
    policy,
    namespace,
    subject,
    evaluation.verdict,
  );
}

function answer(
  request: AdmissionRequest,
  context: ReviewContext,
  policy: ReturnType<typeof namespacePolicy>,
  namespace: string,
  subject: string,
  verdict: Verdict,
): ReviewResult {
  const { level } = verdict;
  const warnings = [...policy.problems];
  let outcome: ReviewOutcome = 'allowed';
  if (verdict.evaluated && isBelow(level, policy.warn)) {
    warnings.push(
      ...levelWarnings(
        subject,
        level,
        policy.warn!,
        namespace,
        blockingChecks(verdict.failing, policy.warn!),
      ),
    );
    outcome = 'warned';
  }
  if (
    verdict.evaluated &&
    isBelow(level, policy.audit) &&
    request.dryRun !== true
  ) {
    context.audit({
      uid: request.uid,
      operation: request.operation ?? '',
      kind: String(request.object?.kind),
      namespace,
      name: request.object?.metadata?.name ?? request.name ?? '',
      user: request.userInfo?.username,
      reached: level,
      required: policy.audit!,
      failingChecks: blockingChecks(verdict.failing, policy.audit!).map(
        check => check.check,
      ),
    });
  }
  const fitted = fitWarnings(warnings);
  if (verdict.evaluated && isBelow(level, policy.enforce)) {
    return {
      response: {
        uid: request.uid,
        allowed: false,
        status: {
          code: 403,
          reason: 'Forbidden',
          message: denialMessage(
            subject,
            level,
            policy.enforce!,
            namespace,
            blockingChecks(verdict.failing, policy.enforce!),
          ),
        },
        ...(fitted.length > 0 ? { warnings: fitted } : {}),
      },
      outcome: 'denied',
    };
  }
  return {
    response: {
      uid: request.uid,
      allowed: true,
      ...(fitted.length > 0 ? { warnings: fitted } : {}),
    },
    outcome,
  };
}
