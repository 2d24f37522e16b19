/**
 * Custom checks in an evaluation: which ones run (enabled, with their
 * effective severity), on what, and how a check's verdicts on each
 * container become one result. Compiled CEL checks and checks written in
 * TypeScript run through the same code, and their results through
 * `runCheck` like the built-in ones.
 */
import { CheckCatalogue } from '../checks/CheckCatalogue';
import {
  constantSkip,
  containerFinding,
  containerLabel,
  error,
  NO_CONTAINERS,
  Outcome,
} from '../checks/rules/outcome';
import { ReadinessConfig } from '../config';
import { CheckVariables, ReadinessCheck } from '../customChecks/types';
import { Finding, Severity, SEVERITY_WEIGHTS } from '../types';
import { WorkloadSubject } from './checkVariables';
import { PlannedCheck } from './plan';

type Rule<Variables> = (variables: Variables) => Outcome;

/** The enabled custom checks of an evaluation, by what they run on. */
export interface CustomCheckPlan {
  /** Workload- and container-scope checks, in configuration order. */
  workload: PlannedCheck<Rule<WorkloadSubject>>[];
  /** Object-scope checks, in configuration order, with their kinds. */
  object: Array<{
    planned: PlannedCheck<Rule<CheckVariables>>;
    kinds: ReadonlySet<string>;
  }>;
  entity: PlannedCheck<Rule<CheckVariables>>[];
  /** {@link objectChecksOf}'s answers, by kind. */
  byKind: Map<string, PlannedCheck<Rule<CheckVariables>>[]>;
}

function effectiveSeverity(
  check: ReadinessCheck,
  config: ReadinessConfig,
): Severity {
  const override = config.checks?.[check.definition.id]?.severity;
  return typeof override === 'string' &&
    Object.prototype.hasOwnProperty.call(SEVERITY_WEIGHTS, override)
    ? override
    : check.definition.severity;
}

/** The outcome of a check that could not judge `template`-less workloads. */
function templateUnreadable(
  subject: WorkloadSubject,
  outcome: Outcome,
): Outcome {
  const reason = subject.workload.templateError;
  return reason && subject.templateRead ? error(reason) : outcome;
}

/**
 * `findings` with `finding` added; a new list holds just it. Most
 * workloads fail on one container: a list grown from empty by a push
 * would keep room for 17.
 */
function withFinding(
  findings: Finding[] | undefined,
  finding: Finding,
): Finding[] {
  if (!findings) return [finding];
  findings.push(finding);
  return findings;
}

/**
 * Runs a check on each container and sums up: fail when any container
 * fails (a finding for each failing container), else error when one could
 * not be judged, else pass, else skip.
 */
function acrossContainers(
  check: ReadinessCheck,
  subject: WorkloadSubject,
): Outcome {
  let failed: Outcome | undefined;
  let broken: Outcome | undefined;
  let passed: Outcome | undefined;
  let skipped: Outcome | undefined;
  let findings: Finding[] | undefined;
  for (const ref of subject.containers) {
    if (ref.field === 'ephemeralContainers') continue;
    let outcome: Outcome;
    try {
      outcome = check.evaluate(subject.containerVariables(ref));
    } catch (problem) {
      outcome = error(
        `The check could not be evaluated (${
          problem instanceof Error ? problem.message : 'unknown error'
        }).`,
      );
    }
    switch (outcome.status) {
      case 'fail':
        failed ??= outcome;
        findings = withFinding(
          findings,
          containerFinding(ref, ref.path, outcome.message),
        );
        if (outcome.findings) {
          for (const finding of outcome.findings) {
            findings.push({
              ...finding,
              path: finding.path ? `${ref.path}.${finding.path}` : ref.path,
            });
          }
        }
        break;
      case 'error':
        broken ??= error(
          `Container ${containerLabel(ref)}: ${outcome.message}`,
        );
        findings = withFinding(
          findings,
          containerFinding(
            ref,
            ref.path,
            `Could not be evaluated: ${outcome.message}`,
          ),
        );
        break;
      case 'pass':
        passed ??= outcome;
        break;
      default:
        skipped ??= outcome;
    }
  }
  if (failed) return { status: 'fail', message: failed.message, findings };
  return broken ?? passed ?? skipped ?? NO_CONTAINERS;
}

/** The rule of a workload- or container-scope check. */
function workloadRule(check: ReadinessCheck): Rule<WorkloadSubject> {
  const { kinds, scope } = check.definition;
  const wanted = kinds ? new Set(kinds) : undefined;
  const otherKind = constantSkip(
    `Skipped: the check applies to ${(kinds ?? []).join(', ')} only.`,
  );
  if (scope === 'container') {
    return subject => {
      const { workload } = subject;
      if (wanted && !wanted.has(workload.kind)) return otherKind;
      if (workload.templateError) return error(workload.templateError);
      if (!workload.hasContainers) return NO_CONTAINERS;
      return acrossContainers(check, subject);
    };
  }
  return subject => {
    if (wanted && !wanted.has(subject.workload.kind)) return otherKind;
    subject.templateRead = false;
    return templateUnreadable(subject, check.evaluate(subject.variables));
  };
}

/** The enabled custom checks of a catalogue, grouped by what they run on. */
export function planCustomChecks(
  catalogue: CheckCatalogue,
  config: ReadinessConfig,
): CustomCheckPlan {
  const plan: CustomCheckPlan = {
    workload: [],
    object: [],
    entity: [],
    byKind: new Map(),
  };
  for (const check of catalogue.customChecks) {
    const { id, scope, kinds } = check.definition;
    if (config.checks?.[id]?.enabled === false) continue;
    const planned = <Variables>(rule: Rule<Variables>) => ({
      id,
      severity: effectiveSeverity(check, config),
      rule,
      shared: new Map(),
    });
    const direct: Rule<CheckVariables> = variables => check.evaluate(variables);
    switch (scope) {
      case 'workload':
      case 'container':
        plan.workload.push(planned(workloadRule(check)));
        break;
      case 'object':
        plan.object.push({
          planned: planned(direct),
          kinds: new Set(kinds ?? []),
        });
        break;
      case 'entity':
        plan.entity.push(planned(direct));
        break;
      default:
        break;
    }
  }
  return plan;
}

/** The object-scope checks that run on objects of a kind, in order. */
export function objectChecksOf(
  plan: CustomCheckPlan,
  kind: string,
): readonly PlannedCheck<Rule<CheckVariables>>[] {
  let checks = plan.byKind.get(kind);
  if (!checks) {
    checks = [];
    for (const { planned, kinds } of plan.object) {
      if (kinds.has(kind)) checks.push(planned);
    }
    plan.byKind.set(kind, checks);
  }
  return checks;
}

/**
 * The kinds object-scope checks run on besides Ingress and ConfigMap (the
 * engine gathers those anyway, for the built-in checks); undefined when
 * there are none.
 */
export function otherObjectKinds(
  plan: CustomCheckPlan,
): ReadonlySet<string> | undefined {
  const kinds = new Set<string>();
  for (const check of plan.object) {
    for (const kind of check.kinds) {
      if (kind !== 'Ingress' && kind !== 'ConfigMap') kinds.add(kind);
    }
  }
  return kinds.size > 0 ? kinds : undefined;
}
