/**
 * The reports of objects that are not workloads: the built-in Ingress and
 * ConfigMap checks and the custom object-scope checks, in one pass per
 * object, so each object has one report and its warnings once.
 *
 * Object-scope checks turn every object of their kinds into a report (each
 * Service, say: as many as the workloads), so this path allocates only the
 * results list at its size and the report.
 */
import { CheckCatalogue } from '../checks/CheckCatalogue';
import { ObjectRule } from '../checks/rules/outcome';
import { CheckResult, ObjectReport, StatusCounts } from '../types';
import { RelatedObject } from '../model/relationIndex';
import { VariableSources } from './checkVariables';
import { CustomCheckPlan, objectChecksOf } from './customChecks';
import {
  describeCarrier,
  ExemptionSources,
  readAnnotationExemptions,
  subjectExemptionSources,
  unknownExemptionWarnings,
} from './exemptions';
import { MatchExemptionIndex } from './matchExemptions';
import { PlannedCheck } from './plan';
import { runCheck } from './runCheck';
import { countStatus, ScoreAccumulator } from './scoring';
import { objectReport } from './subjectReport';
import { SharedResultLists } from './sharedResultLists';

/** What the objects of one evaluation share, and where their reports go. */
export interface ObjectEvaluation {
  catalogue: CheckCatalogue;
  custom: CustomCheckPlan;
  /** Set when the catalogue has custom checks. */
  variables: VariableSources | undefined;
  shared: ExemptionSources;
  matchIndex: MatchExemptionIndex | undefined;
  nowMs: number;
  summary: ScoreAccumulator;
  counts: StatusCounts;
  warnings: string[];
  reports: ObjectReport[];
  /** Lists shared by objects whose results are all shared. */
  sharedLists: SharedResultLists;
}

const NONE: readonly never[] = Object.freeze([]);

/** Adds a report for each of `items` that a check runs on. */
export function evaluateObjects(
  evaluation: ObjectEvaluation,
  items: readonly RelatedObject[],
  checks: readonly PlannedCheck<ObjectRule>[],
): void {
  const { custom, variables, nowMs, summary, counts } = evaluation;
  if (checks.length === 0 && custom.object.length === 0) return;
  for (const item of items) {
    const customChecks =
      custom.object.length > 0 ? objectChecksOf(custom, item.kind) : NONE;
    const size = checks.length + customChecks.length;
    if (size === 0) continue;
    const sources = exemptionSourcesOf(evaluation, item);
    const results: CheckResult[] = new Array(size);
    let filled = 0;
    for (const check of checks) {
      results[filled++] = runCheck(check, item, sources, nowMs);
    }
    if (customChecks.length > 0) {
      const own = variables!.forObject(item);
      for (const check of customChecks) {
        results[filled++] = runCheck(check, own, sources, nowMs);
      }
    }
    for (const result of results) {
      summary.add(result);
      countStatus(counts, result);
    }
    evaluation.reports.push(
      objectReport(
        item.kind,
        item.namespace,
        item.name,
        evaluation.sharedLists.canonical(results),
        item.source,
      ),
    );
  }
}

/** The object's exemption sources; warns about annotations naming no check. */
function exemptionSourcesOf(
  evaluation: ObjectEvaluation,
  item: RelatedObject,
): ExemptionSources | undefined {
  const declared = readAnnotationExemptions(item.annotations);
  if (declared) {
    evaluation.warnings.push(
      ...unknownExemptionWarnings(
        declared,
        describeCarrier(item.kind, item.namespace, item.name, item.source),
        evaluation.catalogue,
      ),
    );
  }
  return subjectExemptionSources(
    declared,
    undefined,
    evaluation.shared,
    evaluation.matchIndex?.find(
      item.kind,
      item.namespace,
      item.name,
      item.object,
    ),
  );
}
