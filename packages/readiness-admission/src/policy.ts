/**
 * The admission policy of a namespace, from its labels, as Pod Security
 * Admission reads `pod-security.kubernetes.io/<mode>`: each mode names the
 * level a workload must reach, and the modes apply independently.
 */
import {
  LEVELS_ASCENDING,
  ReadinessLevel,
} from '@prodready/backstage-plugin-readiness-common';

export const LABEL_PREFIX = 'prodready.dev/';

/** What happens to a workload below the mode's level. */
export type PolicyMode = 'enforce' | 'warn' | 'audit';

export const POLICY_MODES: readonly PolicyMode[] = ['enforce', 'warn', 'audit'];

/** The levels a namespace requires, by mode; absent modes do not apply. */
export interface NamespacePolicy {
  enforce?: ReadinessLevel;
  warn?: ReadinessLevel;
  audit?: ReadinessLevel;
  /** Labels whose value is no level, each a sentence for a warning. */
  problems: string[];
}

function isLevel(value: string): value is ReadinessLevel {
  return (LEVELS_ASCENDING as readonly string[]).includes(value);
}

/**
 * Reads the policy labels. A value that is no level counts as `gold`, the
 * strictest (as Pod Security Admission treats an invalid level as
 * `restricted`): a typo must not switch enforcement off.
 */
export function namespacePolicy(
  labels: Readonly<Record<string, string>> | undefined,
): NamespacePolicy {
  const policy: NamespacePolicy = { problems: [] };
  for (const mode of POLICY_MODES) {
    const raw = labels?.[`${LABEL_PREFIX}${mode}`];
    if (raw === undefined) continue;
    const value = raw.trim().toLowerCase();
    if (isLevel(value)) {
      policy[mode] = value;
    } else {
      policy[mode] = 'gold';
      policy.problems.push(
        `namespace label ${LABEL_PREFIX}${mode}=${JSON.stringify(
          raw,
        )} is no level (gold, silver, bronze or none): read as gold`,
      );
    }
  }
  return policy;
}

/** True when the namespace asks for anything (a mode set to `none` asks nothing). */
export function policyApplies(policy: NamespacePolicy): boolean {
  return POLICY_MODES.some(
    mode => policy[mode] !== undefined && policy[mode] !== 'none',
  );
}

/** True when `level` is below `required`. */
export function isBelow(
  level: ReadinessLevel,
  required: ReadinessLevel | undefined,
): boolean {
  if (!required) return false;
  return LEVELS_ASCENDING.indexOf(level) < LEVELS_ASCENDING.indexOf(required);
}
