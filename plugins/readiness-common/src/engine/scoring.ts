/**
 * Score and level of a set of results, exactly as the catalogue defines
 * them: the score weighs passing against failing checks by severity, the
 * level is set by the worst failing severity. For the level an `error`
 * counts as failing at its severity (what could not be verified is never
 * certified); for the score it counts in neither sum.
 */
import {
  CheckResult,
  CheckStatus,
  LEVELS_ASCENDING,
  ReadinessLevel,
  Scored,
  SEVERITY_WEIGHTS,
  StatusCounts,
} from '../types';

/**
 * {@link SEVERITY_WEIGHTS} as a Map: looking a weight up by a changing key
 * is several times faster in a Map than in an object, and this runs twice
 * per result (for the subject and the summary).
 */
const WEIGHTS: ReadonlyMap<string, number> = new Map(
  Object.entries(SEVERITY_WEIGHTS),
);

/**
 * Accumulates results one at a time, so reports can score workloads and the
 * whole entity in one pass without building intermediate arrays.
 * @public
 */
export class ScoreAccumulator {
  private passWeight = 0;
  private failWeight = 0;
  private failCritical = false;
  private failHigh = false;
  private failMedium = false;

  add(result: CheckResult): void {
    const weight = WEIGHTS.get(result.severity) ?? 0;
    if (result.status === 'pass') {
      this.passWeight += weight;
    } else if (result.status === 'fail' || result.status === 'error') {
      // An error weighs in neither sum, but lowers the level like a failure.
      if (result.status === 'fail') this.failWeight += weight;
      if (result.severity === 'critical') this.failCritical = true;
      else if (result.severity === 'high') this.failHigh = true;
      else if (result.severity === 'medium') this.failMedium = true;
    }
  }

  addAll(results: readonly CheckResult[]): void {
    for (const result of results) this.add(result);
  }

  /** round(100 × pass / (pass + fail)); 100 when nothing passed or failed. */
  get score(): number {
    const total = this.passWeight + this.failWeight;
    return total === 0 ? 100 : Math.round((100 * this.passWeight) / total);
  }

  get level(): ReadinessLevel {
    if (this.failCritical) return 'none';
    if (this.failHigh) return 'bronze';
    if (this.failMedium) return 'silver';
    return 'gold';
  }

  toScored(): Scored {
    return { score: this.score, level: this.level };
  }
}

/**
 * Score and level of a list of results.
 * @public
 */
export function scoreResults(results: readonly CheckResult[]): Scored {
  const accumulator = new ScoreAccumulator();
  accumulator.addAll(results);
  return accumulator.toScored();
}

/**
 * True when `level` is `minimum` or better.
 * @public
 */
export function isAtLeastLevel(
  level: ReadinessLevel,
  minimum: ReadinessLevel,
): boolean {
  return LEVELS_ASCENDING.indexOf(level) >= LEVELS_ASCENDING.indexOf(minimum);
}

/**
 * A zeroed count per status.
 * @public
 */
export function emptyStatusCounts(): StatusCounts {
  return { pass: 0, fail: 0, skip: 0, exempt: 0, error: 0 };
}

/** Adds one result to the counts by status. */
export function countStatus(counts: StatusCounts, result: CheckResult): void {
  // A switch rather than `counts[result.status]++`: an object property
  // looked up by a changing key takes V8's slow path (twice the time).
  switch (result.status) {
    case 'pass':
      counts.pass++;
      break;
    case 'fail':
      counts.fail++;
      break;
    case 'skip':
      counts.skip++;
      break;
    case 'exempt':
      counts.exempt++;
      break;
    case 'error':
      counts.error++;
      break;
    default:
      break;
  }
}

/** Adds results to the counts by status. */
export function countStatuses(
  counts: StatusCounts,
  results: readonly CheckResult[],
): void {
  for (const result of results) countStatus(counts, result);
}

/** The five statuses, for validation and iteration. @public */
export const CHECK_STATUSES: readonly CheckStatus[] = [
  'pass',
  'fail',
  'skip',
  'exempt',
  'error',
];
