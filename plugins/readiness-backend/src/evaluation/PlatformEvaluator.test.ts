import {
  DEFAULT_READINESS_CONFIG,
  emptyStatusCounts,
  ReadinessLevel,
  ReadinessReport,
} from '@prodready/backstage-plugin-readiness-common';
import { isPlatformReader, workloadLevelsByCluster } from './PlatformEvaluator';

function reportOf(
  workloads: Array<[string, string, string, ReadinessLevel]>,
): ReadinessReport {
  return {
    summary: {
      score: 0,
      level: 'none',
      productionReady: false,
      counts: emptyStatusCounts(),
    },
    workloads: workloads.map(([cluster, namespace, name, level]) => ({
      kind: 'Deployment',
      cluster,
      namespace,
      name,
      score: 0,
      level,
      results: [],
    })),
    objects: [],
    evaluatedAt: '2026-12-06T00:00:00Z',
  };
}

describe('workloadLevelsByCluster', () => {
  it("counts each cluster's application workloads once, whatever number of entities claim them", () => {
    const levels = workloadLevelsByCluster(
      [
        reportOf([
          ['prod', 'shop', 'cart', 'gold'],
          ['prod', 'kube-system', 'coredns', 'bronze'],
          ['lab', 'shop', 'cart', 'none'],
        ]),
        // A second entity matching the same workload.
        reportOf([
          ['prod', 'shop', 'cart', 'gold'],
          ['prod', 'observability', 'agent', 'silver'],
        ]),
      ],
      {
        ...DEFAULT_READINESS_CONFIG,
        platform: {
          ...DEFAULT_READINESS_CONFIG.platform!,
          systemNamespaces: ['observability'],
        },
      },
    );
    expect(Object.fromEntries(levels)).toEqual({
      prod: ['gold'],
      lab: ['none'],
    });
  });
});

describe('isPlatformReader', () => {
  it('tells cluster sources that read platforms from other sources', () => {
    expect(
      isPlatformReader({
        id: 'cluster:prod',
        cluster: 'prod',
        read: async () => ({ objects: [] }),
        takePlatformRead: () => undefined,
      } as any),
    ).toBe(true);
    expect(
      isPlatformReader({
        id: 'directory:demo',
        read: async () => ({ objects: [] }),
      }),
    ).toBe(false);
  });
});
