/**
 * Evaluates test clusters as the backend does: a snapshot built with
 * clusterSnapshotFromObjects, the production config, a fixed date, and
 * workload levels that pass `workloads-ready`. Test support only.
 */
import { parseReadinessConfig } from '../../config';
import { CheckResult, KubeObject } from '../../types';
import { evaluatePlatform, PlatformEvaluationInput } from '../evaluatePlatform';
import { PlatformReport } from '../types';
import { NOW, snapshotOf } from './clusters';

/** Flux's controllers hold cluster-admin by design: flux-system is the platform's. */
export const PRODUCTION_RAW_CONFIG = {
  platform: { systemNamespaces: ['flux-system'] },
};

export const PRODUCTION_CONFIG = parseReadinessConfig(PRODUCTION_RAW_CONFIG);

export function evaluateCluster(
  objects: KubeObject[],
  overrides: Partial<PlatformEvaluationInput> = {},
): PlatformReport {
  return evaluatePlatform({
    snapshot: snapshotOf(objects),
    config: PRODUCTION_CONFIG,
    now: NOW,
    workloadLevels: ['gold', 'silver', 'silver', 'gold', 'bronze'],
    ...overrides,
  });
}

export function resultOf(report: PlatformReport, id: string): CheckResult {
  const found = report.cluster.results.find(result => result.check === id);
  if (!found) throw new Error(`no result for ${id}`);
  return found;
}

/** The result of one check on these objects. */
export function checkCluster(
  id: string,
  objects: KubeObject[],
  overrides: Partial<PlatformEvaluationInput> = {},
): CheckResult {
  return resultOf(evaluateCluster(objects, overrides), id);
}
