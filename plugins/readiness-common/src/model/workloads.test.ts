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
    ['v1', 'ReplicationController', 'ReplicationController'],
    ['apps.openshift.io/v1', 'DeploymentConfig', 'DeploymentConfig'],
    // The same kinds in another group are other objects.
    ['batch/v1', 'Deployment', undefined],
    ['apps/v1', 'Pod', undefined],
    ['v1', 'DeploymentConfig', undefined],
    // Without apiVersion the group cannot be known: not matched.
    [undefined, 'Deployment', undefined],
  ])('%s %s → %s', (apiVersion, kind, expected) => {
    expect(workloadKindOf({ apiVersion, kind })).toBe(expected);
  });

  it('leaves Pods, ReplicaSets and ReplicationControllers owned by a controller to the controller', () => {
    const owned = { controller: true, kind: 'Deployment', name: 'x' };
    expect(
      workloadKindOf({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { ownerReferences: [owned] },
      }),
    ).toBeUndefined();
    // OpenShift's DeploymentConfig controller owns its ReplicationControllers.
    expect(
      workloadKindOf({
        apiVersion: 'v1',
        kind: 'ReplicationController',
        metadata: {
          name: 'web-3',
          ownerReferences: [
            {
              apiVersion: 'apps.openshift.io/v1',
              kind: 'DeploymentConfig',
              name: 'web',
              controller: true,
            },
          ],
        },
      }),
    ).toBeUndefined();
    expect(
      workloadKindOf({
        apiVersion: 'v1',
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
        object: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 7 as any },
          spec,
        },
      });
      expect(workload?.appContainers).toEqual([]);
      expect(workload?.name).toBe('');
    }
    expect(toWorkload({ object: null as any })).toBeUndefined();
  });
});
