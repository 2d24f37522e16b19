import { Entity } from '@backstage/catalog-model';
import {
  DEFAULT_READINESS_CONFIG,
  KubeObject,
  SourcedObject,
} from '@prodready/backstage-plugin-readiness-common';
import { EntityManifests, scoreEntity } from './scoreEntity';
import { SourceIndex } from './SourceIndex';
import { SourceState } from './SourceSnapshots';

const NOW = new Date('2026-12-10T12:00:00Z');

function entity(annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'shipments',
      annotations: {
        'backstage.io/kubernetes-id': 'shipments',
        'prodready.dev/manifests': './deploy',
        ...annotations,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

function deployment(
  options: { name?: string; namespace?: string | null; replicas?: number } = {},
): KubeObject {
  const name = options.name ?? 'shipments';
  const labels = { app: name, 'backstage.io/kubernetes-id': 'shipments' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      ...(options.namespace === null
        ? {}
        : { namespace: options.namespace ?? 'shop' }),
      labels,
    },
    spec: {
      replicas: options.replicas ?? 3,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name: 'app', image: 'registry.example/app:1.0.0' }],
        },
      },
    },
  };
}

function unrelatedDeployment(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'billing', namespace: 'money', labels: { app: 'b' } },
    spec: { template: { metadata: { labels: { app: 'b' } }, spec: {} } },
  };
}

function source(
  id: string,
  objects: KubeObject[],
  cluster: string | undefined = id,
): SourceState {
  return {
    source: { id, read: async () => ({ objects: [] }) },
    cluster,
    index: new SourceIndex(
      id,
      objects.map(object => ({ object })),
      cluster,
    ),
    readAt: NOW,
  };
}

function git(...objects: KubeObject[]): EntityManifests {
  const read: SourcedObject[] = objects.map(object => ({
    object,
    file: 'deploy/app.yaml',
    source: 'manifests:/repo/deploy',
  }));
  return { sourceId: 'manifests:/repo/deploy', objects: read };
}

function score(
  sources: SourceState[],
  manifests?: EntityManifests,
  annotations?: Record<string, string>,
) {
  return scoreEntity(entity(annotations), {
    sources,
    manifests,
    engine: DEFAULT_READINESS_CONFIG,
    now: NOW,
  });
}

describe('scoreEntity drift', () => {
  it('compares the Git manifests with the cluster that runs them, naming the cluster', () => {
    const { drift } = score(
      [source('prod-eu', [deployment({ replicas: 1 })])],
      git(deployment({ replicas: 3 })),
    );
    expect(drift).toEqual([
      {
        kind: 'Deployment',
        namespace: 'shop',
        name: 'shipments',
        cluster: 'prod-eu',
        state: 'changed',
        differences: [
          {
            field: 'replicas',
            git: '3',
            live: '1',
            message: 'live Deployment shipments runs 1 replica, Git says 3',
          },
        ],
      },
    ]);
  });

  it('gives an empty list when Git and the cluster agree', () => {
    expect(
      score([source('prod-eu', [deployment()])], git(deployment())).drift,
    ).toEqual([]);
  });

  it('compares each source on its own', () => {
    const { drift } = score(
      [
        source('prod-eu', [deployment({ replicas: 1 })]),
        source('prod-us', [deployment()]),
        source('staging', [deployment({ replicas: 2 })]),
      ],
      git(deployment()),
    );
    expect(
      drift?.map(entry => `${entry.cluster}: ${entry.differences[0].message}`),
    ).toEqual([
      'prod-eu: live Deployment shipments runs 1 replica, Git says 3',
      'staging: live Deployment shipments runs 2 replicas, Git says 3',
    ]);
  });

  it('names a source without a cluster by its id', () => {
    const { drift } = score(
      [source('directory:live', [deployment({ replicas: 1 })], undefined)],
      git(deployment()),
    );
    expect(drift?.map(entry => entry.cluster)).toEqual(['directory:live']);
  });

  it('leaves out a source that runs none of the entity’s workloads', () => {
    // Not deployed in prod-us: not "only in Git" there.
    const { drift } = score(
      [
        source('prod-eu', [deployment()]),
        source('prod-us', [unrelatedDeployment()]),
      ],
      git(deployment()),
    );
    expect(drift).toEqual([]);

    expect(
      score([source('prod-us', [unrelatedDeployment()])], git(deployment()))
        .drift,
    ).toBeUndefined();
  });

  it('compares only the cluster the entity is pinned to', () => {
    const { drift } = score(
      [
        source('prod-eu', [deployment({ replicas: 1 })]),
        source('prod-us', [deployment()]),
      ],
      git(deployment()),
      { 'backstage.io/kubernetes-cluster': 'prod-us' },
    );
    expect(drift).toEqual([]);
  });

  it('has no drift without manifests, or when they could not be read', () => {
    const live = [source('prod-eu', [deployment({ replicas: 1 })])];
    expect(score(live).drift).toBeUndefined();
    expect(
      score(live, { sourceId: 'manifests:/repo/deploy', error: 'HTTP 503' })
        .drift,
    ).toBeUndefined();
  });

  it('places manifests without a namespace in the entity’s namespace', () => {
    const { drift } = score(
      [source('prod-eu', [deployment({ namespace: 'shop' })])],
      git(
        deployment({ namespace: null }),
        deployment({ name: 'worker', namespace: null }),
      ),
      { 'backstage.io/kubernetes-namespace': 'shop' },
    );
    expect(drift).toEqual([
      expect.objectContaining({
        kind: 'Deployment',
        namespace: 'shop',
        name: 'worker',
        state: 'only-in-git',
      }),
    ]);
  });

  it('sees a PodDisruptionBudget of the cluster that Git lacks', () => {
    const pdb: KubeObject = {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'shipments', namespace: 'shop' },
      spec: {
        minAvailable: 1,
        selector: { matchLabels: { app: 'shipments' } },
      },
    };
    const { drift } = score(
      [source('prod-eu', [deployment(), pdb])],
      git(deployment()),
    );
    expect(drift?.[0].differences.map(d => d.message)).toEqual([
      'the cluster has a PodDisruptionBudget for Deployment shipments that Git does not',
    ]);
  });
});
