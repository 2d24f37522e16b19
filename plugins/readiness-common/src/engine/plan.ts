/**
 * The checks to run in one evaluation: enabled ones only, in catalogue
 * order, each with its effective severity and its rule. Worked out once per
 * evaluation so the per-workload loop does no config lookups.
 */
import { CHECK_DEFINITIONS } from '../checks/definitions';
import { ReadinessConfig } from '../config';
import { Outcome } from '../checks/rules/outcome';
import { CheckResult, CheckTarget, Severity, SEVERITY_WEIGHTS } from '../types';

/** One enabled check with its rule. */
export interface PlannedCheck<Rule> {
  id: string;
  severity: Severity;
  rule: Rule;
  /**
   * Results built from constant outcomes, reused for every object in this
   * evaluation: most checks pass or skip with the same text everywhere, and
   * sharing those results keeps large evaluations from allocating (and
   * garbage-collecting) hundreds of thousands of identical objects.
   */
  shared: Map<Outcome, CheckResult>;
}

function isSeverity(value: unknown): value is Severity {
  return (
    typeof value === 'string' &&
    Object.prototype.hasOwnProperty.call(SEVERITY_WEIGHTS, value)
  );
}

/** Enabled checks of a target, with the rules that evaluate them. */
export function planChecks<Rule>(
  target: CheckTarget,
  rules: Readonly<Record<string, Rule>>,
  config: ReadinessConfig,
): PlannedCheck<Rule>[] {
  const planned: PlannedCheck<Rule>[] = [];
  for (const definition of CHECK_DEFINITIONS) {
    if (definition.target !== target) continue;
    const rule = rules[definition.id];
    if (!rule) continue;
    const override = config.checks?.[definition.id];
    if (override?.enabled === false) continue;
    planned.push({
      id: definition.id,
      severity: isSeverity(override?.severity)
        ? override!.severity
        : definition.severity,
      rule,
      shared: new Map(),
    });
  }
  return planned;
}
