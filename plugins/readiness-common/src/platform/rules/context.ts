/**
 * What a platform rule sees and returns. A rule reads the cluster through
 * the index (never the raw object list) and says which kinds its verdict
 * depends on, so an unread kind turns a would-be failure into an error
 * instead of a false fail.
 */
import { Outcome } from '../../checks/rules/outcome';
import { ReadinessConfig } from '../../config';
import { ReadinessLevel } from '../../types';
import { ClusterIndex } from '../clusterIndex';
import { PlatformConfig } from '../platformConfig';
import { PlatformSignature } from '../signatures';
import { ClusterSnapshot } from '../types';

/** Everything a platform rule may consult. */
export interface PlatformContext {
  snapshot: ClusterSnapshot;
  index: ClusterIndex;
  config: ReadinessConfig;
  platform: PlatformConfig;
  now: Date;
  /** The built-in signature of a check with the configured one added. */
  signature(checkId: string): PlatformSignature;
  /**
   * Levels of the cluster's application workloads (given, or evaluated
   * from the snapshot on first call).
   */
  workloadLevels(): readonly ReadinessLevel[];
}

/**
 * A rule's verdict. `decisive` marks a pass that found positive evidence
 * (a running Prometheus): it holds even when some kind it reads could not
 * be read, since more objects could not undo it.
 */
export interface PlatformOutcome extends Outcome {
  decisive?: true;
}

/** One platform check's logic. */
export interface PlatformRule {
  /** The kinds the verdict depends on. */
  reads(context: PlatformContext): readonly string[];
  evaluate(context: PlatformContext): PlatformOutcome;
}

/** A pass backed by something found in the cluster. */
export function found(message: string): PlatformOutcome {
  return { status: 'pass', message, decisive: true };
}

/** The kinds a Deployment, DaemonSet or StatefulSet may be. */
export const RUNNING_WORKLOAD_KINDS = [
  'Deployment',
  'DaemonSet',
  'StatefulSet',
];

/** `1 schedule`, `3 schedules`. */
export function plural(
  count: number,
  noun: string,
  nouns = `${noun}s`,
): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/**
 * `a, b and c` (or `a, b or c`); at most `limit` names, then "and N more".
 */
export function listNames(
  names: readonly string[],
  limit = 5,
  conjunction: 'and' | 'or' = 'and',
): string {
  const shown = names.slice(0, limit);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} ${conjunction} ${
    shown[shown.length - 1]
  }`;
}
