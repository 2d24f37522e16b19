import { KubeObject } from '../types';
import { RelationIndex } from './relationIndex';
import { toWorkload } from './workloads';

const deployment = (
  name: string,
  labels: Record<string, string>,
  namespace?: string,
): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, ...(namespace ? { namespace } : {}) },
  spec: { template: { metadata: { labels }, spec: { containers: [] } } },
});

function build(objects: KubeObject[]) {
  const sources = objects.map(object => ({ object }));
  const index = new RelationIndex(sources, 'default');
  const workloads = sources
    .map(source => toWorkload(source))
    .filter(w => w !== undefined);
  return { index, workloads };
}

describe('RelationIndex', () => {
  it('matches PDBs by namespace and selector, including expression-only and empty selectors', () => {
    const { index, workloads } = build([
      deployment('web', { app: 'web', tier: 'fe' }),
      deployment('api', { app: 'api' }, 'prod'),
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'by-label' },
        spec: { selector: { matchLabels: { app: 'web' } } },
      },
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'by-expr' },
        spec: {
          selector: {
            matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe'] }],
          },
        },
      },
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'all-prod', namespace: 'prod' },
        spec: { selector: {} },
      },
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'none' },
        spec: {},
      },
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'wrong-ns', namespace: 'prod' },
        spec: { selector: { matchLabels: { app: 'web' } } },
      },
    ]);
    const [web, api] = workloads;
    expect(
      index
        .pdbsFor(web!)
        .map(p => p.name)
        .sort(),
    ).toEqual(['by-expr', 'by-label']);
    expect(index.pdbsFor(api!).map(p => p.name)).toEqual(['all-prod']);
  });

  it('finds HPAs by scaleTargetRef kind and name in the namespace', () => {
    const { index, workloads } = build([
      deployment('web', { app: 'web' }),
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'h1' },
        spec: {
          scaleTargetRef: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'web',
          },
          minReplicas: 2,
          maxReplicas: 4,
        },
      },
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'h2' },
        spec: {
          scaleTargetRef: {
            apiVersion: 'apps/v1',
            kind: 'StatefulSet',
            name: 'web',
          },
        },
      },
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'h3', namespace: 'x' },
        spec: {
          scaleTargetRef: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'web',
          },
        },
      },
    ]);
    expect(
      index
        .autoscalersFor(workloads[0]!)
        .map(a => [a.object.name, a.minReplicas, a.maxReplicas]),
    ).toEqual([['h1', 2, 4]]);
  });

  it('follows ServiceMonitor → Service → pods across namespaces', () => {
    const { index, workloads } = build([
      deployment('web', { app: 'web' }, 'apps'),
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: 'web',
          namespace: 'apps',
          labels: { monitored: 'yes' },
        },
        spec: { selector: { app: 'web' } },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'manual', namespace: 'apps' },
        spec: {},
      },
      {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'ServiceMonitor',
        metadata: { name: 'sm', namespace: 'monitoring' },
        spec: {
          selector: { matchLabels: { monitored: 'yes' } },
          namespaceSelector: { matchNames: ['apps'] },
        },
      },
    ]);
    const services = index.servicesFor(workloads[0]!);
    expect(services.map(s => s.name)).toEqual(['web']);
    expect(index.serviceMonitorFor(services[0])?.name).toBe('sm');
    expect(index.service('apps', 'manual')?.name).toBe('manual');
  });

  it('resolves Velero coverage and ignores non-Velero Schedules', () => {
    const { index } = build([
      {
        apiVersion: 'example.com/v1',
        kind: 'Schedule',
        metadata: { name: 'other' },
        spec: {},
      },
      {
        apiVersion: 'velero.io/v1',
        kind: 'Schedule',
        metadata: { name: 'v' },
        spec: {
          template: { includedNamespaces: ['a'], excludedNamespaces: ['b'] },
        },
      },
    ]);
    expect(index.backupScheduleFor('a')?.name).toBe('v');
    expect(index.backupScheduleFor('b')).toBeUndefined();
    expect(index.backupScheduleFor('c')).toBeUndefined();
  });

  it('ignores objects of unknown kinds and garbage', () => {
    expect(() =>
      build([
        { kind: 'Widget' },
        null as any,
        { kind: 42 } as any,
        { apiVersion: 'v1', kind: 'Service', spec: 'x' },
      ]),
    ).not.toThrow();
  });

  it('tests only the candidates filed under the pod labels', () => {
    const policies: KubeObject[] = [];
    for (let i = 0; i < 1000; i++) {
      policies.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: `p${i}` },
        spec: { podSelector: { matchLabels: { app: `a${i}` } } },
      });
    }
    const { index, workloads } = build([
      deployment('a7', { app: 'a7' }),
      ...policies,
    ]);
    expect(index.networkPoliciesFor(workloads[0]!).map(p => p.name)).toEqual([
      'p7',
    ]);
  });
});

describe('RelationIndex with expression-only selectors', () => {
  it('finds In, Exists, NotIn and DoesNotExist selectors exactly once', () => {
    const { index, workloads } = build([
      deployment('web', { app: 'web', tier: 'fe' }),
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'in' },
        spec: {
          podSelector: {
            matchExpressions: [
              { key: 'app', operator: 'In', values: ['web', 'web', 'api'] },
            ],
          },
        },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'exists' },
        spec: {
          podSelector: {
            matchExpressions: [{ key: 'tier', operator: 'Exists' }],
          },
        },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'notin' },
        spec: {
          podSelector: {
            matchExpressions: [
              { key: 'app', operator: 'NotIn', values: ['api'] },
            ],
          },
        },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'absent' },
        spec: {
          podSelector: {
            matchExpressions: [{ key: 'legacy', operator: 'DoesNotExist' }],
          },
        },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'in-miss' },
        spec: {
          podSelector: {
            matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }],
          },
        },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'in-and-more' },
        spec: {
          podSelector: {
            matchExpressions: [
              { key: 'app', operator: 'In', values: ['web'] },
              { key: 'tier', operator: 'DoesNotExist' },
            ],
          },
        },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'all' },
        spec: { podSelector: {} },
      },
    ]);
    expect(
      index
        .networkPoliciesFor(workloads[0]!)
        .map(p => p.name)
        .sort(),
    ).toEqual(['absent', 'all', 'exists', 'in', 'notin']);
  });
});
