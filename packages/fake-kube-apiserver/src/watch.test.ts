import { request } from 'node:https';
import {
  ADD,
  DELETE,
  KubeConfig,
  makeInformer,
  PolicyV1Api,
  UPDATE,
  V1PodDisruptionBudget,
} from '@kubernetes/client-node';
import { FakeKubeApiServer, startFakeKubeApiServer } from './server';
import { FakeKubeObject } from './store';

function pdb(
  namespace: string,
  name: string,
  minAvailable: number,
  labels: Record<string, string> = {},
): FakeKubeObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace, labels },
    spec: { minAvailable, selector: { matchLabels: { app: name } } },
  };
}

function kubeConfigFor(server: FakeKubeApiServer): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromClusterAndUser(
    {
      name: 'fake',
      server: server.url,
      caData: server.caData,
      skipTLSVerify: false,
    },
    { name: 'reader', token: server.token },
  );
  return kc;
}

interface WatchEvent {
  type: string;
  object: {
    kind?: string;
    apiVersion?: string;
    metadata: { name?: string; resourceVersion: string };
    code?: number;
    message?: string;
  };
}

/**
 * A raw watch over HTTPS: the status, and the events read until `until`
 * says enough (or the server ends the stream).
 */
function rawWatch(
  server: FakeKubeApiServer,
  path: string,
  until: (events: WatchEvent[]) => boolean = () => false,
): Promise<{ status: number; events: WatchEvent[]; ended: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}${path}`,
      {
        ca: server.caPem,
        headers: { authorization: `Bearer ${server.token}` },
      },
      res => {
        const events: WatchEvent[] = [];
        let buffered = '';
        const done = (ended: boolean) => {
          resolve({ status: res.statusCode ?? 0, events, ended });
          req.destroy();
        };
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffered += chunk;
          let newline = buffered.indexOf('\n');
          while (newline >= 0) {
            events.push(JSON.parse(buffered.slice(0, newline)));
            buffered = buffered.slice(newline + 1);
            newline = buffered.indexOf('\n');
          }
          if (until(events)) done(false);
        });
        res.on('end', () => done(true));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function eventually(check: () => boolean, what: string) {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

jest.setTimeout(20_000);

describe('fake-kube-apiserver watch', () => {
  let server: FakeKubeApiServer;

  beforeEach(async () => {
    server = await startFakeKubeApiServer({
      objects: [pdb('web', 'a', 1), pdb('api', 'b', 2)],
      bookmarkIntervalMs: 50,
    });
  });

  afterEach(async () => {
    await server.close();
  });

  it("feeds client-node's informer: list, then adds, updates and deletes as they happen", async () => {
    const kc = kubeConfigFor(server);
    const policy = kc.makeApiClient(PolicyV1Api);
    const informer = makeInformer<V1PodDisruptionBudget>(
      kc,
      '/apis/policy/v1/poddisruptionbudgets',
      () => policy.listPodDisruptionBudgetForAllNamespaces(),
    );
    const seen: string[] = [];
    informer.on(ADD, object => seen.push(`add ${object.metadata?.name}`));
    informer.on(UPDATE, object =>
      seen.push(`update ${object.metadata?.name} ${object.spec?.minAvailable}`),
    );
    informer.on(DELETE, object => seen.push(`delete ${object.metadata?.name}`));
    await informer.start();
    try {
      expect(informer.list().map(object => object.metadata?.name)).toEqual([
        'b',
        'a',
      ]);
      await eventually(() => server.openWatchCount() === 1, 'the watch');

      server.addObjects([pdb('web', 'c', 1)]);
      server.addObjects([pdb('web', 'a', 3)]);
      server.removeObjects([pdb('api', 'b', 2)]);
      await eventually(() => seen.length >= 5, 'the events');
      expect(seen).toEqual([
        'add b',
        'add a',
        'add c',
        'update a 3',
        'delete b',
      ]);
      expect(informer.get('a', 'web')?.spec?.minAvailable).toBe(3);
      expect(informer.get('b', 'api')).toBeUndefined();
      expect(
        server.requestCount({
          verb: 'watch',
          resource: 'poddisruptionbudgets',
        }),
      ).toBe(1);

      // The server ends the stream (a restart): the informer watches again
      // from where it was and misses nothing.
      server.endWatches();
      server.addObjects([pdb('ops', 'd', 1)]);
      await eventually(
        () => seen.includes('add d'),
        'the event after the restart',
      );
      expect(
        informer
          .list()
          .map(object => object.metadata?.name)
          .sort(),
      ).toEqual(['a', 'c', 'd']);
    } finally {
      await informer.stop();
    }
  });

  it('starts with the current objects without a resource version, with apiVersion and kind on each', async () => {
    const { status, events } = await rawWatch(
      server,
      '/apis/policy/v1/namespaces/web/poddisruptionbudgets?watch=1',
      seen => seen.length >= 1,
    );
    expect(status).toBe(200);
    expect(events[0]).toMatchObject({
      type: 'ADDED',
      object: {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'a' },
      },
    });
  });

  it('replays the changes after a resource version, and answers 410 once they are gone', async () => {
    const list = await fetchList(server);
    server.addObjects([pdb('web', 'a', 5)]);
    server.removeObjects([pdb('api', 'b', 2)]);

    const resumed = await rawWatch(
      server,
      `/apis/policy/v1/poddisruptionbudgets?watch=true&resourceVersion=${list}`,
      seen => seen.length >= 2,
    );
    expect(
      resumed.events.map(
        event => `${event.type} ${event.object.metadata.name}`,
      ),
    ).toEqual(['MODIFIED a', 'DELETED b']);
    // A deletion carries the version of the change that deleted it.
    expect(
      Number(resumed.events[1].object.metadata.resourceVersion),
    ).toBeGreaterThan(
      Number(resumed.events[0].object.metadata.resourceVersion),
    );

    server.expireWatchHistory();
    const tooOld = await rawWatch(
      server,
      `/apis/policy/v1/poddisruptionbudgets?watch=true&resourceVersion=${list}`,
    );
    expect(tooOld.ended).toBe(true);
    expect(tooOld.events).toEqual([
      {
        type: 'ERROR',
        object: expect.objectContaining({
          kind: 'Status',
          code: 410,
          reason: 'Expired',
        }),
      },
    ]);
  });

  it('sends bookmarks with the current version when asked, and ends at timeoutSeconds', async () => {
    const list = await fetchList(server);
    server.addObjects([pdb('other', 'x', 1)]);
    const { events, ended } = await rawWatch(
      server,
      `/apis/policy/v1/namespaces/web/poddisruptionbudgets?watch=1&resourceVersion=${list}&allowWatchBookmarks=true&timeoutSeconds=1`,
    );
    expect(ended).toBe(true);
    const bookmarks = events.filter(event => event.type === 'BOOKMARK');
    expect(bookmarks.length).toBeGreaterThan(2);
    expect(bookmarks[0].object).toEqual({
      kind: 'PodDisruptionBudget',
      apiVersion: 'policy/v1',
      metadata: { resourceVersion: String(Number(list) + 1) },
    });
    // The change was in another namespace: only bookmarks came.
    expect(events.filter(event => event.type !== 'BOOKMARK')).toEqual([]);
  });

  it('shows an object leaving a label selector as DELETED, and one entering it as ADDED', async () => {
    server.setObjects([pdb('web', 'a', 1, { team: 'x' })]);
    const list = await fetchList(server);
    server.addObjects([pdb('web', 'a', 1, { team: 'y' })]);
    server.addObjects([pdb('web', 'a', 2, { team: 'x' })]);
    // Stored again unchanged: no event.
    server.addObjects([pdb('web', 'a', 2, { team: 'x' })]);
    const { events } = await rawWatch(
      server,
      `/apis/policy/v1/poddisruptionbudgets?watch=1&labelSelector=team%3Dx&resourceVersion=${list}&timeoutSeconds=1`,
    );
    expect(events.map(event => event.type)).toEqual(['DELETED', 'ADDED']);
  });
});

/** The resource version of a list of every PDB, as an informer's list gets it. */
async function fetchList(server: FakeKubeApiServer): Promise<string> {
  const policy = kubeConfigFor(server).makeApiClient(PolicyV1Api);
  const list = await policy.listPodDisruptionBudgetForAllNamespaces();
  return list.metadata!.resourceVersion!;
}
