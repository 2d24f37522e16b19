import { KubeConfig } from '@kubernetes/client-node';
import {
  FakeKubeApiServer,
  startFakeKubeApiServer,
} from '@prodready/fake-kube-apiserver';
import { eventually } from '../__testUtils__/harness';
import {
  namespaceObject,
  typicalPdb,
  typicalRelatedObjects,
} from '../__testUtils__/fixtures';
import { RelatedObjectsCache } from './RelatedObjectsCache';

function kubeConfigFor(api: FakeKubeApiServer): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromClusterAndUser(
    { name: 'fake', server: api.url, caData: api.caData, skipTLSVerify: false },
    { name: 'reader', token: api.token },
  );
  return kc;
}

const kindsIn = (cache: RelatedObjectsCache, namespace: string) =>
  cache
    .relatedTo(namespace)
    .map(object => `${object.kind}/${object.metadata?.name}`)
    .sort();

describe('RelatedObjectsCache', () => {
  let api: FakeKubeApiServer;
  let cache: RelatedObjectsCache | undefined;
  const errors: string[] = [];

  beforeEach(async () => {
    api = await startFakeKubeApiServer();
    api.setObjects([
      namespaceObject('shop', { 'prodready.dev/enforce': 'silver' }),
      namespaceObject('other'),
      ...typicalRelatedObjects('shop', 'web'),
      typicalPdb('other', 'api'),
    ] as never);
    errors.length = 0;
  });

  afterEach(async () => {
    await cache?.stop();
    await api.close();
  });

  const start = async () => {
    cache = new RelatedObjectsCache(kubeConfigFor(api), {
      retryDelayMs: 50,
      onError: (kind, error) => errors.push(`${kind}: ${String(error)}`),
    });
    await cache.start();
    return cache;
  };

  it("holds a namespace's objects, with apiVersion and kind, and skips monitors that are not installed", async () => {
    const started = await start();
    expect(started.hasSynced).toBe(true);
    // PodMonitors are not served by this cluster.
    expect(kindsIn(started, 'shop')).toEqual([
      'HorizontalPodAutoscaler/web',
      'Namespace/shop',
      'NetworkPolicy/web',
      'PodDisruptionBudget/web',
      'Service/web',
      'ServiceAccount/web',
    ]);
    expect(started.relatedTo('shop').every(o => o.apiVersion)).toBe(true);
    expect(started.notInstalled).toEqual(['ServiceMonitor', 'PodMonitor']);
    expect(started.namespaceLabels('shop')).toMatchObject({
      'prodready.dev/enforce': 'silver',
    });
    expect(started.namespaceLabels('unknown')).toBeUndefined();
  });

  it('builds a snapshot again only after one of its objects changed', async () => {
    const started = await start();
    const first = started.snapshotOf('shop');
    expect(started.snapshotOf('shop')).toBe(first);
    // A change in another namespace leaves it alone.
    api.removeObjects([typicalPdb('other', 'api')] as never);
    await eventually(
      async () => kindsIn(started, 'other'),
      kinds => !kinds.includes('PodDisruptionBudget/api'),
    );
    expect(started.snapshotOf('shop')).toBe(first);
    api.removeObjects([typicalPdb('shop', 'web')] as never);
    const next = await eventually(
      async () => started.snapshotOf('shop'),
      snapshot => snapshot !== first,
    );
    expect(next.key).not.toBe(first.key);
    expect(JSON.parse(next.json)).toHaveLength(5);
  });

  it('lists again after a lost watch whose changes the server no longer keeps', async () => {
    const started = await start();
    api.expireWatchHistory();
    api.endWatches();
    api.removeObjects([typicalPdb('shop', 'web')] as never);
    api.expireWatchHistory();
    const kinds = await eventually(
      async () => kindsIn(started, 'shop'),
      list => !list.includes('PodDisruptionBudget/web'),
    );
    expect(kinds).not.toContain('PodDisruptionBudget/web');
  });

  it('lists again when the first list fails, and syncs', async () => {
    api.failNext('poddisruptionbudgets', 500, 2);
    const started = await start();
    expect(started.hasSynced).toBe(true);
    expect(kindsIn(started, 'shop')).toContain('PodDisruptionBudget/web');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^PodDisruptionBudget: .*500/);
  });
});
