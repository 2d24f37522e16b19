/**
 * The readiness engine: evaluates Kubernetes objects (and optionally the
 * catalog entity they belong to) against the check catalogue and produces
 * the report the CLI prints, the backend stores and the UI shows.
 *
 * One pass builds the relation index; then each workload runs the enabled
 * checks once. The engine never throws because of its input: bad shapes are
 * read tolerantly and any exception inside a check becomes an `error`
 * result.
 */
import type { Entity } from '@backstage/catalog-model';
import { DEFAULT_READINESS_CONFIG, ReadinessConfig } from '../config';
import { catalogueOf } from '../customChecks/catalogueOf';
import {
  CheckResult,
  KubeObject,
  ObjectRef,
  ObjectReport,
  ReadinessReport,
  SourcedObject,
  WorkloadReport,
} from '../types';
import { asRecord, scalarToString } from '../util/guards';
import {
  CONFIGMAP_RULES,
  ENTITY_RULES,
  INGRESS_RULES,
  TEMPLATE_FREE_CHECKS,
  WORKLOAD_RULES,
} from '../checks/rules';
import { error, WorkloadRule } from '../checks/rules/outcome';
import { entityMapsToKubernetes } from '../checks/rules/entity';
import { RelationIndex } from '../model/relationIndex';
import { WorkloadRelations } from '../model/workloadRelations';
import {
  DEFAULT_NAMESPACE,
  ObjectLookup,
  objectNamespace,
  toWorkload,
  Workload,
  workloadKindOf,
} from '../model/workloads';
import {
  configExemptionsFor,
  describeCarrier,
  ExemptionSources,
  readAnnotationExemptions,
  subjectExemptionSources,
  unknownExemptionWarnings,
} from './exemptions';
import { MatchExemptionIndex } from './matchExemptions';
import {
  configMapsInScope,
  entityRefOf,
  ingressesInScope,
  objectsInScope,
  refNormalizer,
} from './entityScope';
import { VariableSources, WorkloadSubject } from './checkVariables';
import { otherObjectKinds, planCustomChecks } from './customChecks';
import { planChecks } from './plan';
import { runCheck } from './runCheck';
import {
  countStatuses,
  emptyStatusCounts,
  isAtLeastLevel,
  ScoreAccumulator,
} from './scoring';
import { evaluateObjects, ObjectEvaluation } from './evaluateObjects';
import { workloadReport } from './subjectReport';
import { SharedResultLists } from './sharedResultLists';

/**
 * What to evaluate.
 * @public
 */
export interface EvaluationInput {
  /** Any Kubernetes objects; non-workload and unknown kinds only feed relations. */
  objects: SourcedObject[];
  /** The catalog entity; enables entity-level (operations) checks and restore-tested. */
  entity?: Entity;
  /** Validated configuration; defaults when absent. */
  config?: ReadinessConfig;
  /** Evaluation time (exemption expiry, restore age); default now. */
  now?: Date;
  /** Namespace of objects that name none; default `default`. */
  defaultNamespace?: string;
  /** Whether the owner entity exists in the catalog; undefined means not checked. */
  ownerExists?: boolean;
  /**
   * Which ConfigMaps to check for secrets: `all` in the input (CLI), or only
   * those the pod templates reference (`referenced`, backend). Default `all`.
   */
  configMapScope?: 'all' | 'referenced';
}

/**
 * Fills in defaults for anything missing, so a partial config works too,
 * and restores the catalogue of a copy (see `catalogueOf`).
 */
export function resolveConfig(
  config: ReadinessConfig | undefined,
): ReadinessConfig {
  if (!config) return DEFAULT_READINESS_CONFIG as ReadinessConfig;
  const customChecks = Array.isArray(config.customChecks)
    ? config.customChecks
    : [];
  return {
    checks: asRecord(config.checks) ?? {},
    minReplicas: config.minReplicas ?? DEFAULT_READINESS_CONFIG.minReplicas,
    allowedRegistries: Array.isArray(config.allowedRegistries)
      ? config.allowedRegistries
      : undefined,
    maxRestoreTestAgeDays:
      config.maxRestoreTestAgeDays ??
      DEFAULT_READINESS_CONFIG.maxRestoreTestAgeDays,
    gate: config.gate ?? DEFAULT_READINESS_CONFIG.gate,
    exemptions: Array.isArray(config.exemptions) ? config.exemptions : [],
    customChecks,
    catalogue: catalogueOf({ catalogue: config.catalogue, customChecks }),
    platform: config.platform,
  };
}

/**
 * Points the findings about a borrowed pod template (an Argo Rollout's
 * `workloadRef`) at the object that holds the template, since their paths
 * are paths in that object.
 */
function attributeTemplateFindings(
  result: CheckResult,
  owner: ObjectRef,
  templatePath: string,
): CheckResult {
  if (!result.findings) return result;
  const prefix = `${templatePath}.`;
  return {
    ...result,
    findings: result.findings.map(finding =>
      !finding.object &&
      (finding.path === templatePath || finding.path.startsWith(prefix))
        ? { ...finding, object: owner }
        : finding,
    ),
  };
}

/**
 * The objects whose pod template an Argo Rollout of the input takes through
 * `spec.workloadRef`: they are part of that Rollout, not workloads of their
 * own.
 */
function templatesHeldForRollouts(
  objects: readonly SourcedObject[],
  defaultNamespace: string,
  lookup: ObjectLookup,
): Set<SourcedObject> {
  const held = new Set<SourcedObject>();
  for (const source of objects) {
    const object = asRecord(source?.object) as KubeObject | undefined;
    if (!object || object.kind !== 'Rollout') continue;
    const spec = asRecord(object.spec);
    const reference = asRecord(spec?.workloadRef);
    if (!reference || asRecord(spec?.template)) continue;
    if (workloadKindOf(object) !== 'Rollout') continue;
    const kind = scalarToString(reference.kind);
    const name = scalarToString(reference.name);
    if (!kind || !name) continue;
    const holder = lookup(
      objectNamespace(object, defaultNamespace),
      kind,
      name,
    );
    if (holder) held.add(holder);
  }
  return held;
}

/**
 * Evaluates objects (and optionally their catalog entity) against the check
 * catalogue: the built-in checks, then the configuration's custom checks.
 * @public
 */
export function evaluateReadiness(input: EvaluationInput): ReadinessReport {
  const config = resolveConfig(input?.config);
  const now =
    input?.now instanceof Date && !Number.isNaN(input.now.getTime())
      ? input.now
      : new Date();
  const nowMs = now.getTime();
  const defaultNamespace =
    typeof input?.defaultNamespace === 'string' && input.defaultNamespace
      ? input.defaultNamespace
      : DEFAULT_NAMESPACE;
  const objects: SourcedObject[] = Array.isArray(input?.objects)
    ? input.objects
    : [];
  const entity = asRecord(input?.entity) as Entity | undefined;
  const entityAnnotations = entity
    ? asRecord(asRecord(entity.metadata)?.annotations) ?? {}
    : undefined;

  const workloadChecks = planChecks('workload', WORKLOAD_RULES, config);
  const ingressChecks = planChecks('ingress', INGRESS_RULES, config);
  const configMapChecks = planChecks('configmap', CONFIGMAP_RULES, config);
  const entityChecks = planChecks('entity', ENTITY_RULES, config);
  const { catalogue } = config;
  const custom = planCustomChecks(catalogue, config);
  const index = new RelationIndex(
    objects,
    defaultNamespace,
    otherObjectKinds(custom),
  );
  const variables =
    catalogue.customChecks.length > 0
      ? new VariableSources(index, entity, now)
      : undefined;
  const subject = variables && new WorkloadSubject(variables);

  // Exemptions that apply to everything: the entity's annotations and the
  // config entries for this entity.
  const entityRef = entity ? entityRefOf(entity) : undefined;
  const shared: ExemptionSources = {
    entity: readAnnotationExemptions(entityAnnotations),
    config: entity
      ? configExemptionsFor(config.exemptions, entityRef, refNormalizer(entity))
      : undefined,
  };
  // Exemptions by namespace, kind, name and labels: per object, not shared.
  const matchIndex = MatchExemptionIndex.of(config.exemptions);

  const summary = new ScoreAccumulator();
  const counts = emptyStatusCounts();
  const warnings: string[] = [];
  if (entity && entityRef !== undefined) {
    warnings.push(
      ...unknownExemptionWarnings(
        shared.entity,
        `Entity ${entityRef}`,
        catalogue,
      ),
    );
  }
  const lookup = (namespace: string, kind: string, name: string) =>
    index.templateHolder(namespace, kind, name);

  const heldByRollouts = templatesHeldForRollouts(
    objects,
    defaultNamespace,
    lookup,
  );

  const workloads: Workload[] = [];
  const relations: WorkloadRelations[] = [];
  const workloadReports: WorkloadReport[] = [];
  for (const source of objects) {
    // The Rollout is the workload; its template holder is usually scaled
    // to zero, and judging it again would fail `replicas` and `pdb` for
    // pods that never run.
    if (heldByRollouts.has(source)) continue;
    let workload: Workload | undefined;
    try {
      workload = toWorkload(source, defaultNamespace, lookup);
    } catch {
      workload = undefined; // unreadable objects cannot be workloads
    }
    if (!workload) continue;
    const relation = new WorkloadRelations(workload, index);
    workloads.push(workload);
    relations.push(relation);

    const ownExemptions = readAnnotationExemptions(workload.annotations);
    const podExemptions =
      workload.podAnnotations === workload.annotations
        ? undefined
        : readAnnotationExemptions(workload.podAnnotations);
    const sources = subjectExemptionSources(
      ownExemptions,
      podExemptions,
      shared,
      matchIndex?.find(
        workload.kind,
        workload.namespace,
        workload.name,
        workload.object,
      ),
    );
    const context = { workload, relations: relation, index, config };
    if (ownExemptions || podExemptions) {
      const carrier = describeCarrier(
        workload.kind,
        workload.namespace,
        workload.name,
        workload.source,
      );
      warnings.push(
        ...unknownExemptionWarnings(ownExemptions, carrier, catalogue),
        ...unknownExemptionWarnings(
          podExemptions,
          `${carrier} pod template`,
          catalogue,
        ),
      );
    }
    const owner = workload.templateOwner;
    const templatePath = workload.templatePath ?? '';

    const score = new ScoreAccumulator();
    // Allocated at its size: grown by pushes, a list of a few dozen
    // results reserves up to twice the room, for each workload.
    const results: CheckResult[] = new Array(
      workloadChecks.length + custom.workload.length,
    );
    let filled = 0;
    // A template nobody could read makes every check that reads it an
    // error before anything else (never a skip or a pass).
    const templateError = workload.templateError;
    const unreadable: WorkloadRule | undefined = templateError
      ? () => error(templateError)
      : undefined;
    for (const check of workloadChecks) {
      let result =
        unreadable && !TEMPLATE_FREE_CHECKS.has(check.id)
          ? runCheck({ ...check, rule: unreadable }, context, sources, nowMs)
          : runCheck(check, context, sources, nowMs);
      if (owner)
        result = attributeTemplateFindings(result, owner, templatePath);
      results[filled++] = result;
      score.add(result);
      summary.add(result);
    }
    if (custom.workload.length > 0) {
      subject!.judge(workload, relation);
      for (const check of custom.workload) {
        let result = runCheck(check, subject!, sources, nowMs);
        if (owner)
          result = attributeTemplateFindings(result, owner, templatePath);
        results[filled++] = result;
        score.add(result);
        summary.add(result);
      }
    }
    countStatuses(counts, results);
    workloadReports.push(
      workloadReport(
        workload.kind,
        workload.namespace,
        workload.name,
        score.score,
        score.level,
        results,
        workload.source,
      ),
    );
  }

  // Ingress and ConfigMap results count toward the summary like workload
  // results: an Ingress that declares no TLS or a password in a ConfigMap is
  // something the team must fix before production, so it must move the score
  // and level.
  const objectReports: ObjectReport[] = [];
  const objectEvaluation: ObjectEvaluation = {
    catalogue,
    custom,
    variables,
    shared,
    matchIndex,
    nowMs,
    summary,
    counts,
    warnings,
    reports: objectReports,
    sharedLists: new SharedResultLists(),
  };
  evaluateObjects(
    objectEvaluation,
    ingressesInScope(index, relations, entityAnnotations),
    ingressChecks,
  );
  evaluateObjects(
    objectEvaluation,
    configMapsInScope(index, relations, input?.configMapScope ?? 'all'),
    configMapChecks,
  );
  evaluateObjects(
    objectEvaluation,
    objectsInScope(index, relations, entityAnnotations),
    [],
  );

  let entityReport: ReadinessReport['entity'];
  let unmapped = false;
  if (entity && entityAnnotations && entityRef !== undefined) {
    const context = {
      entity,
      annotations: entityAnnotations,
      workloads,
      config,
      now,
      ownerExists: input.ownerExists,
    };
    // Match exemptions never apply here: an entity is no object to match.
    const sources = subjectExemptionSources(undefined, undefined, shared);
    const results = entityChecks.map(check =>
      runCheck(check, context, sources, nowMs),
    );
    if (custom.entity.length > 0) {
      const own = variables!.forEntity();
      for (const check of custom.entity) {
        results.push(runCheck(check, own, sources, nowMs));
      }
    }
    summary.addAll(results);
    countStatuses(counts, results);
    entityReport = { ref: entityRef, results };
    // The catalogue: an entity mapped to Kubernetes with no workload found
    // is level none and not ready, whatever its other results say.
    unmapped =
      entityMapsToKubernetes(entityAnnotations) && workloads.length === 0;
  }

  const level = unmapped ? 'none' : summary.level;
  const report: ReadinessReport = {
    summary: {
      score: summary.score,
      level,
      productionReady: !unmapped && isAtLeastLevel(level, config.gate),
      counts,
    },
    workloads: workloadReports,
    objects: objectReports,
    evaluatedAt: now.toISOString(),
  };
  if (entityReport) report.entity = entityReport;
  if (warnings.length > 0) report.warnings = warnings;
  return report;
}
