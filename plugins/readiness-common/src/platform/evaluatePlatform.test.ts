import { parseReadinessConfig } from '../config';
import { CheckResult } from '../types';
import { PLATFORM_CHECK_IDS } from './catalogue';
import { evaluatePlatform, PlatformEvaluationInput } from './evaluatePlatform';
import {
  NOW,
  productionClusterObjects,
  snapshotOf,
  without,
} from './testing/clusters';
import { KubeObject } from '../types';

const PRODUCTION_CONFIG = parseReadinessConfig({
  platform: { systemNamespaces: ['flux-system'] },
});

/** Gold and silver workloads: `workloads-ready` passes. */
const READY_LEVELS = ['gold', 'silver', 'silver', 'gold', 'bronze'] as const;

export function evaluateCluster(
  objects: KubeObject[],
  overrides: Partial<PlatformEvaluationInput> = {},
) {
  return evaluatePlatform({
    snapshot: snapshotOf(objects),
    config: PRODUCTION_CONFIG,
    now: NOW,
    workloadLevels: [...READY_LEVELS],
    ...overrides,
  });
}

function resultOf(results: readonly CheckResult[], id: string): CheckResult {
  const found = results.find(result => result.check === id);
  if (!found) throw new Error(`no result for ${id}`);
  return found;
}

describe('evaluatePlatform', () => {
  it('passes every platform check on a production cluster, naming what satisfied each', () => {
    const report = evaluateCluster(productionClusterObjects());
    const failing = report.cluster.results.filter(r => r.status !== 'pass');
    expect(failing).toEqual([]);
    expect(report.cluster.results.map(r => r.check)).toEqual(PLATFORM_CHECK_IDS);
    expect(report.summary).toEqual({
      score: 100,
      level: 'gold',
      productionReady: true,
      counts: { pass: 25, fail: 0, skip: 0, exempt: 0, error: 0 },
    });
    expect(report.cluster.name).toBe('prod-eu');
    expect(report.evaluatedAt).toBe(NOW.toISOString());
    expect(report.warnings).toBeUndefined();
    const message = (id: string) => resultOf(report.cluster.results, id).message;
    expect(message('cluster-metrics')).toContain(
      'prometheus-kube-prometheus-stack-prometheus (quay.io/prometheus/prometheus:v3.1.0) in namespace monitoring',
    );
    expect(message('backup-system')).toBe(
      'Velero: velero (velero/velero:v1.15.0) in namespace velero; node-agent (velero/velero:v1.15.0) in namespace velero; CRD schedules.velero.io is installed; 3 schedules.',
    );
    expect(message('gitops-delivery')).toBe(
      'GitOps controller: CRD kustomizations.kustomize.toolkit.fluxcd.io is installed.',
    );
    expect(message('node-autoscaling')).toContain(
      'karpenter (public.ecr.aws/karpenter/controller:1.1.1) in namespace kube-system',
    );
    expect(message('kubernetes-version')).toBe(
      'Kubernetes 1.35 is one of the newest minor releases on 2026-12-06 (1.37, 1.36, 1.35).',
    );
  });

  it('scores and levels like workload reports: a failing high check makes the cluster bronze and not ready', () => {
    const report = evaluateCluster(
      without(productionClusterObjects(), 'StorageClass'),
    );
    // default-storage-class is medium (weight 2): silver, still ready at
    // the silver gate. The 25 checks weigh 90 in all (14 high, 9 medium, 2 low).
    expect(resultOf(report.cluster.results, 'default-storage-class').status).toBe('fail');
    expect(report.summary.level).toBe('silver');
    expect(report.summary.productionReady).toBe(true);
    expect(report.summary.score).toBe(Math.round((100 * 88) / 90));

    const noRestores = evaluateCluster(without(productionClusterObjects(), 'Restore'));
    expect(resultOf(noRestores.cluster.results, 'restores-tested').status).toBe('fail');
    expect(noRestores.summary.level).toBe('bronze');
    expect(noRestores.summary.productionReady).toBe(false);
  });
});
