/**
 * The engine configuration as `POST /evaluate`'s worker threads receive it.
 * A thread gets its data by structured clone, which copies data and never
 * code: the custom checks of `readiness.customChecks` travel as their
 * configuration and are compiled again in the thread (once per thread, by
 * `catalogueOf`), and the checks of backend modules, which are code, stay
 * behind. The thread says so in each report's warnings, rather than
 * scoring as if they did not exist.
 */
import {
  catalogueOf,
  DEFAULT_READINESS_CONFIG,
  ReadinessConfig,
  ReadinessReport,
} from '@prodready/backstage-plugin-readiness-common';

/** What a worker thread is given to rebuild the engine configuration. */
export interface WorkerEngine {
  /** The configuration without its compiled catalogue. */
  config: Omit<ReadinessConfig, 'catalogue'>;
  /** Checks from backend modules, which a thread cannot run. */
  moduleCheckIds: string[];
}

/** Splits a parsed configuration into what can be sent to a thread. */
export function workerEngineOf(
  engine: ReadinessConfig = DEFAULT_READINESS_CONFIG,
): WorkerEngine {
  const { catalogue, ...config } = engine;
  const configured = new Set(config.customChecks.map(check => check.id));
  const moduleCheckIds = catalogue.customChecks
    .map(check => check.definition.id)
    .filter(id => !configured.has(id));
  return { config, moduleCheckIds };
}

/** The configuration again, its custom checks compiled, in a thread. */
export function restoreEngine(engine: WorkerEngine): ReadinessConfig {
  return { ...engine.config, catalogue: catalogueOf(engine.config) };
}

/** Adds the warning that checks of backend modules were not run. */
export function withModuleChecksWarning<
  R extends Pick<ReadinessReport, 'warnings'>,
>(report: R, moduleCheckIds: readonly string[]): R {
  if (moduleCheckIds.length === 0) return report;
  const warning =
    `Checks added by backend modules are not run by POST /evaluate, only in ` +
    `the portal's scorecards: ${moduleCheckIds.join(', ')}`;
  report.warnings = [...(report.warnings ?? []), warning];
  return report;
}
