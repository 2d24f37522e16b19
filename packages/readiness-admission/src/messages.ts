/**
 * The texts of an answer: the denial message and the admission warnings,
 * within the limits the API server keeps (it truncates each warning to 256
 * characters and all of them to 4 KiB, so the most severe come first and
 * a summary line says what was left out).
 */
import type {
  ReadinessLevel,
  Severity,
} from '@prodready/backstage-plugin-readiness-common';
import type { FailingCheck } from './evaluation/judge';

export const MAX_WARNING_CHARS = 256;
export const MAX_WARNINGS_TOTAL_CHARS = 4096;
/** Checks named in a denial message; the rest are counted. */
export const MAX_CHECKS_IN_MESSAGE = 10;

/** The highest level a failing check of this severity leaves possible. */
const CAP_OF_SEVERITY: Record<Severity, ReadinessLevel> = {
  critical: 'none',
  high: 'bronze',
  medium: 'silver',
  low: 'gold',
};

const LEVEL_RANK: Record<ReadinessLevel, number> = {
  none: 0,
  bronze: 1,
  silver: 2,
  gold: 3,
};

/** The failing checks that keep a workload below `required`. */
export function blockingChecks(
  failing: readonly FailingCheck[],
  required: ReadinessLevel,
): FailingCheck[] {
  return failing.filter(
    check => LEVEL_RANK[CAP_OF_SEVERITY[check.severity]] < LEVEL_RANK[required],
  );
}

/** Characters, not UTF-16 units, as the API server counts runes. */
function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, max - 1).join('')}…`;
}

function describeCheck(check: FailingCheck): string {
  const fix = check.fix ? ` Fix: ${check.fix}` : '';
  return `[${check.severity}] ${check.check}: ${check.message}${fix}`;
}

/** `Deployment shop/web`. */
export function describeObject(
  kind: string,
  namespace: string,
  name: string,
): string {
  return `${kind} ${namespace}/${name || '(generated name)'}`;
}

/** The status message of a denial: level reached, level required, the checks. */
export function denialMessage(
  subject: string,
  level: ReadinessLevel,
  required: ReadinessLevel,
  namespace: string,
  blocking: readonly FailingCheck[],
): string {
  const named = blocking.slice(0, MAX_CHECKS_IN_MESSAGE).map(describeCheck);
  const more = blocking.length - named.length;
  return [
    `${subject} reaches readiness level ${level}; namespace ${namespace} enforces ${required} (prodready.dev/enforce).`,
    `Failing checks, most severe first: ${named.join(' | ')}${
      more > 0 ? ` | and ${more} more` : ''
    }`,
  ].join(' ');
}

/**
 * The warnings for a workload below the warn level: a headline, then one
 * per check, most severe first, each and all within the API server's limits.
 */
export function levelWarnings(
  subject: string,
  level: ReadinessLevel,
  required: ReadinessLevel,
  namespace: string,
  blocking: readonly FailingCheck[],
): string[] {
  const headline = `${subject} reaches readiness level ${level}, below ${required} (prodready.dev/warn on namespace ${namespace}); ${blocking.length} failing check(s):`;
  return fitWarnings([headline, ...blocking.map(describeCheck)]);
}

/** Truncates each warning and keeps as many as fit the total. */
export function fitWarnings(warnings: readonly string[]): string[] {
  const fitted: string[] = [];
  let total = 0;
  for (let i = 0; i < warnings.length; i++) {
    const warning = truncate(warnings[i], MAX_WARNING_CHARS);
    const length = Array.from(warning).length;
    const left = warnings.length - i - 1;
    // Keep room for the line that counts what did not fit.
    const reserve = left > 0 ? 40 : 0;
    if (total + length + reserve > MAX_WARNINGS_TOTAL_CHARS) {
      fitted.push(`… and ${warnings.length - i} more`);
      break;
    }
    fitted.push(warning);
    total += length;
  }
  return fitted;
}
