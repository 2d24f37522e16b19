/**
 * Turns a rule's outcome into a result: effective severity, exemptions, and
 * the guarantee that nothing a rule throws escapes the engine.
 */
import { CheckResult } from '../types';
import { Outcome } from '../checks/rules/outcome';
import { decideExemption, ExemptionSources } from './exemptions';
import { PlannedCheck } from './plan';

const MAX_ERROR_LENGTH = 300;

/** Results shared between subjects (see {@link runCheck}). */
const SHARED_RESULTS = new WeakSet<CheckResult>();

/** True for a result `runCheck` shares between subjects: read-only. */
export function isSharedResult(result: CheckResult): boolean {
  return SHARED_RESULTS.has(result);
}

function describeError(error: unknown): string {
  const text =
    error instanceof Error
      ? `${error.name}: ${error.message}`
      : 'unknown error';
  return text.length > MAX_ERROR_LENGTH
    ? `${text.slice(0, MAX_ERROR_LENGTH)}…`
    : text;
}

function toResult(check: PlannedCheck<unknown>, outcome: Outcome): CheckResult {
  return outcome.findings
    ? {
        check: check.id,
        status: outcome.status,
        severity: check.severity,
        message: outcome.message,
        findings: outcome.findings,
      }
    : {
        check: check.id,
        status: outcome.status,
        severity: check.severity,
        message: outcome.message,
      };
}

/**
 * Runs one planned check on one subject. `sources` is undefined when
 * nothing declares an exemption, which is the fast path. Results of
 * constant outcomes are shared between subjects and must be treated as
 * read-only.
 */
export function runCheck<Subject>(
  check: PlannedCheck<(subject: Subject) => Outcome>,
  subject: Subject,
  sources: ExemptionSources | undefined,
  now: number,
): CheckResult {
  let result: CheckResult;
  try {
    const outcome = check.rule(subject);
    if (outcome.constant) {
      let shared = check.shared.get(outcome);
      if (!shared) {
        shared = toResult(check, outcome);
        check.shared.set(outcome, shared);
        SHARED_RESULTS.add(shared);
      }
      result = shared;
    } else {
      result = toResult(check, outcome);
    }
  } catch (error) {
    result = {
      check: check.id,
      status: 'error',
      severity: check.severity,
      message: `The check could not be evaluated (${describeError(error)}).`,
    };
  }
  if (!sources) return result;

  const decision = decideExemption(check.id, sources, now);
  if (decision.exemption) {
    // A check that does not apply stays a skip: there is nothing to exempt.
    if (result.status === 'skip') return result;
    const { reason, configKey } = decision.exemption;
    // A config exemption names its entry: one that matches many workloads
    // is otherwise hard to find among the others.
    const by = configKey ? ` (${configKey})` : '';
    return {
      ...result,
      status: 'exempt',
      message: `Exempt${by}: ${reason} (${result.message})`,
      exemption: decision.exemption,
    };
  }
  if (decision.ignored) {
    return { ...result, exemptionIgnored: decision.ignored };
  }
  return result;
}
