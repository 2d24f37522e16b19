import { toWorkload, workloadKindOf } from './workloads';

describe('workload recognition', () => {
  it.each([
    ['apps/v1', 'Deployment', 'Deployment'],
    ['extensions/v1beta1', 'Deployment', 'Deployment'],
    ['apps/v1', 'StatefulSet', 'StatefulSet'],
    ['apps/v1', 'DaemonSet', 'DaemonSet'],
    ['batch/v1', 'Job', 'Job'],
    ['batch/v1', 'CronJob', 'CronJob'],
    ['apps/v1', 'ReplicaSet', 'ReplicaSet'],
    ['v1', 'Pod', 'Pod'],
    ['argoproj.io/v1alpha1', 'Rollout', 'Rollout'],
    ['other.io/v1', 'Rollout', undefined],
    ['batch.volcano.sh/v1alpha1', 'Job', undefined],
    ['v1', 'Service', undefined],
    [undefined, 'Deployment', 'Deployment'],
  ])('%s %s → %s', (apiVersion, kind, expected) => {
    expect(workloadKindOf({ apiVersion, kind })).toBe(expected);
  });

  it('leaves Pods and ReplicaSets owned by a controller to the controller', () => {
    const owned = { controller: true, kind: 'Deployment', name: 'x' };
    expect(
      workloadKindOf({
        kind: 'ReplicaSet',
        metadata: { ownerReferences: [owned] },
      }),
    ).toBeUndefined();
    expect(
      workloadKindOf({
        kind: 'Pod',
        metadata: { ownerReferences: [{ ...owned, controller: false }] },
      }),
    ).toBe('Pod');
  });

  it('extracts template, paths and the default namespace', () => {
    const cronJob = toWorkload(
      {
        object: {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: { name: 'nightly' },
          spec: {
            jobTemplate: {
              spec: {
                template: {
                  metadata: { labels: { app: 'n' } },
                  spec: {
                    containers: [{ name: 'c' }],
                    initContainers: [{ name: 'i' }],
                  },
                },
              },
            },
          },
        },
      },
      'team-a',
    );
    expect(cronJob).toMatchObject({
      kind: 'CronJob',
      namespace: 'team-a',
      name: 'nightly',
      podLabels: { app: 'n' },
      podSpecPath: 'spec.jobTemplate.spec.template.spec',
      longRunning: false,
      replicated: false,
    });
    expect(cronJob?.allContainers.map(c => c.path)).toEqual([
      'spec.jobTemplate.spec.template.spec.containers[0]',
      'spec.jobTemplate.spec.template.spec.initContainers[0]',
    ]);
  });

  it('tolerates bad shapes', () => {
    for (const spec of [
      'text',
      null,
      [],
      { template: 'x' },
      { template: { spec: { containers: 'no' } } },
    ]) {
      const workload = toWorkload({
        object: { kind: 'Deployment', metadata: { name: 7 as any }, spec },
      });
      expect(workload?.appContainers).toEqual([]);
      expect(workload?.name).toBe('');
    }
    expect(toWorkload({ object: null as any })).toBeUndefined();
  });
});
