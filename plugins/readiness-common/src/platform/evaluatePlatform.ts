/**
 * Platform readiness: evaluates a cluster snapshot against the platform
 * checks and the custom checks of scope `cluster`, with the statuses,
 * severity overrides, exemptions, score and levels of workload reports.
 *
 * The snapshot is indexed once; each check then reads the index, so the
 * cost grows with the number of objects, not objects times checks.
 */
import type { Entity } from '@backstage/catalog-model';
import { error } from '../checks/rules/outcome';
import { ReadinessConfig } from '../config';
import { CheckVariables } from '../customChecks/types';
import { evaluateReadiness, resolveConfig } from '../engine/evaluate';
import { entityRefOf, refNormalizer } from '../engine/entityScope';
import {
  configExemptionsFor,
  Declared,
  DeclaredExemptions,
  ExemptionSources,
  readAnnotationExemptions,
  unknownExemptionWarnings,
} from '../engine/exemptions';
import { PlannedCheck } from '../engine/plan';
import { runCheck } from '../engine/runCheck';
import {
  emptyStatusCounts,
  isAtLeastLevel,
  ScoreAccumulator,
} from '../engine/scoring';
import { WORKLOAD_KINDS } from '../model/workloads';
import {
  CheckResult,
  KubeObject,
  ReadinessLevel,
  Severity,
  SEVERITY_WEIGHTS,
  SourcedObject,
  StatusCounts,
} from '../types';
import { asRecord } from '../util/guards';
import { PLATFORM_CHECK_DEFINITIONS } from './catalogue';
import { ClusterIndex, namespaceOf } from './clusterIndex';
import { DEFAULT_PLATFORM_CONFIG, PlatformConfig } from './platformConfig';
import { formatMinor, serverMinorVersion } from './releases';
import { PLATFORM_RULES } from './rules';
import {
  PlatformContext,
  PlatformOutcome,
  PlatformRule,
} from './rules/context';
import {
  mergeSignatures,
  PLATFORM_SIGNATURES,
  PlatformSignature,
} from './signatures';
import { versionFromNodes } from './snapshot';
import { ClusterSnapshot, PlatformReport } from './types';

/**
 * What {@link evaluatePlatform} evaluates.
 * @public
 */
export interface PlatformEvaluationInput {
  snapshot: ClusterSnapshot;
  /** Parsed readiness config, including `config.platform`; defaults when absent. */
  config?: ReadinessConfig;
  /** Evaluation date (release table, backup and restore ages); default now. */
  now?: Date;
  /**
   * Levels of the cluster's application workloads when computed elsewhere
   * (the backend's cycle); when absent the engine evaluates the snapshot's
   * workloads itself.
   */
  workloadLevels?: ReadinessLevel[];
  /**
   * The cluster's catalog entity: its `prodready.dev/exempt.<check>`
   * annotations and the config `exemptions` naming it apply.
   */
  entity?: Entity;
}

/** Fills in the defaults of a partial or copied `platform` section. */
function resolvePlatformConfig(
  platform: Partial<PlatformConfig> | undefined,
): PlatformConfig {
  return {
    ...DEFAULT_PLATFORM_CONFIG,
    ...platform,
    systemNamespaces: Array.isArray(platform?.systemNamespaces)
      ? platform!.systemNamespaces
      : [],
    signatures: asRecord(platform?.signatures) ?? {},
    provided: asRecord(platform?.provided) ?? {},
  } as PlatformConfig;
}

function isSeverity(value: unknown): value is Severity {
  return (
    typeof value === 'string' &&
    Object.prototype.hasOwnProperty.call(SEVERITY_WEIGHTS, value)
  );
}

/**
 * Turns an outcome into an error when a kind it depends on was not read,
 * unless it is a pass backed by what was found.
 */
function guardUnread(
  rule: PlatformRule,
  context: PlatformContext,
): PlatformOutcome {
  const missing = rule
    .reads(context)
    .filter(kind => context.index.unread.has(kind));
  const outcome = rule.evaluate(context);
  if (missing.length === 0) return outcome;
  if (outcome.status === 'pass' && outcome.decisive) return outcome;
  const reasons = [...new Set(missing)].map(kind => {
    const reason = context.index.unread.get(kind);
    return reason ? `${kind} (${reason})` : kind;
  });
  return error(
    `Cannot decide: the snapshot lacks ${reasons.join(
      '; ',
    )}, which this check reads.`,
  );
}

/** Application workloads of the snapshot, evaluated with the workload checks. */
function evaluateWorkloadLevels(
  snapshot: ClusterSnapshot,
  index: ClusterIndex,
  config: ReadinessConfig,
  now: Date,
): ReadinessLevel[] {
  const namespaces = new Set(index.applicationNamespaces());
  const objects: SourcedObject[] = [];
  for (const object of snapshot.objects ?? []) {
    const namespace = namespaceOf(object);
    if (namespace && namespaces.has(namespace)) {
      objects.push({ object, cluster: snapshot.cluster });
    }
  }
  if (!objects.some(source => WORKLOAD_KINDS.has(String(source.object.kind)))) {
    return [];
  }
  const report = evaluateReadiness({ objects, config, now });
  return report.workloads.map(workload => workload.level);
}

function countStatus(counts: StatusCounts, result: CheckResult): void {
  counts[result.status]++;
}

/** Merges exemption maps; the first one declaring a check wins. */
function mergeDeclared(
  ...maps: Array<DeclaredExemptions | undefined>
): DeclaredExemptions | undefined {
  let merged: Map<string, Declared> | undefined;
  for (const map of maps) {
    for (const [id, declared] of map ?? []) {
      merged ??= new Map();
      if (!merged.has(id)) merged.set(id, declared);
    }
  }
  return merged;
}

/**
 * Evaluates a cluster against the platform checks, then the custom checks
 * of scope `cluster`. Never throws because of its input: a check that
 * throws gives an `error` result.
 * @public
 */
export function evaluatePlatform(
  input: PlatformEvaluationInput,
): PlatformReport {
  const config = resolveConfig(input?.config);
  const platform = resolvePlatformConfig(config.platform);
  const now =
    input?.now instanceof Date && !Number.isNaN(input.now.getTime())
      ? input.now
      : new Date();
  const snapshot: ClusterSnapshot = {
    ...input.snapshot,
    objects: Array.isArray(input?.snapshot?.objects)
      ? input.snapshot.objects
      : [],
  };
  const index = new ClusterIndex(snapshot, platform.systemNamespaces);
  const warnings: string[] = [];

  const signatures = new Map<string, PlatformSignature>();
  let levels: readonly ReadinessLevel[] | undefined = input?.workloadLevels;
  const context: PlatformContext = {
    snapshot,
    index,
    config,
    platform,
    now,
    signature(checkId) {
      let signature = signatures.get(checkId);
      if (!signature) {
        signature = mergeSignatures(
          PLATFORM_SIGNATURES[checkId],
          asRecord(platform.signatures[checkId]) as PlatformSignature,
        );
        signatures.set(checkId, signature);
      }
      return signature;
    },
    workloadLevels() {
      levels ??= evaluateWorkloadLevels(snapshot, index, config, now);
      return levels;
    },
  };

  // Exemptions: the entity's annotations, config entries naming the
  // entity, and capabilities declared as provided from outside.
  const entity = asRecord(input?.entity) as Entity | undefined;
  const entityRef = entity ? entityRefOf(entity) : undefined;
  const declaredOnEntity = entity
    ? readAnnotationExemptions(asRecord(asRecord(entity.metadata)?.annotations))
    : undefined;
  const provided = new Map<string, Declared>();
  for (const [id, reason] of Object.entries(platform.provided)) {
    provided.set(id, {
      reason: String(reason),
      configKey: `platform.provided.${id}`,
    });
  }
  const sources: ExemptionSources = {
    entity: declaredOnEntity,
    config: mergeDeclared(
      entity
        ? configExemptionsFor(
            config.exemptions,
            entityRef,
            refNormalizer(entity),
          )
        : undefined,
      provided.size > 0 ? provided : undefined,
    ),
  };
  const { catalogue } = config;
  if (declaredOnEntity && entityRef) {
    warnings.push(
      ...unknownExemptionWarnings(declaredOnEntity, `Entity ${entityRef}`, {
        has: id => catalogue.has(id),
        ids: catalogue.platformIds,
      }),
    );
  }
  for (const [kind, reason] of index.unread) {
    warnings.push(
      `${kind} could not be read${
        reason ? `: ${reason}` : ''
      }; checks that read it report error.`,
    );
  }

  const summary = new ScoreAccumulator();
  const counts = emptyStatusCounts();
  const results: CheckResult[] = [];
  const nowMs = now.getTime();
  const record = (result: CheckResult) => {
    results.push(result);
    summary.add(result);
    countStatus(counts, result);
  };

  for (const definition of PLATFORM_CHECK_DEFINITIONS) {
    const rule = PLATFORM_RULES[definition.id];
    const override = config.checks?.[definition.id];
    if (!rule || override?.enabled === false) continue;
    const planned: PlannedCheck<(c: PlatformContext) => PlatformOutcome> = {
      id: definition.id,
      severity: isSeverity(override?.severity)
        ? override!.severity
        : definition.severity,
      rule: subject => guardUnread(rule, subject),
      shared: new Map(),
    };
    record(runCheck(planned, context, sources, nowMs));
  }

  const customChecks = catalogue.customChecks.filter(
    check => check.definition.scope === 'cluster',
  );
  if (customChecks.length > 0) {
    const variables = clusterVariables(snapshot, index, entity, now);
    for (const check of customChecks) {
      const { id, severity } = check.definition;
      const override = config.checks?.[id];
      if (override?.enabled === false) continue;
      const planned: PlannedCheck<(v: CheckVariables) => PlatformOutcome> = {
        id,
        severity: isSeverity(override?.severity)
          ? override!.severity
          : severity,
        rule: subject => check.evaluate(subject),
        shared: new Map(),
      };
      record(runCheck(planned, variables, sources, nowMs));
    }
  }

  const report: PlatformReport = {
    summary: {
      score: summary.score,
      level: summary.level,
      productionReady: isAtLeastLevel(summary.level, config.gate),
      counts,
    },
    cluster: { name: snapshot.cluster, results },
    evaluatedAt: now.toISOString(),
  };
  if (warnings.length > 0) report.warnings = warnings;
  return report;
}

/** The variables of custom checks of scope `cluster`. */
function clusterVariables(
  snapshot: ClusterSnapshot,
  index: ClusterIndex,
  entity: Entity | undefined,
  now: Date,
): CheckVariables {
  const objects: Record<string, readonly KubeObject[]> = {};
  for (const [kind, list] of index.kinds()) objects[kind] = list;
  const version = serverMinorVersion(
    snapshot.serverVersion ?? versionFromNodes(index.of('Node')),
  );
  return {
    objects,
    cluster: {
      name: snapshot.cluster,
      version: version ? formatMinor(version) : '',
    },
    entity: entity ?? null,
    now,
  };
}
