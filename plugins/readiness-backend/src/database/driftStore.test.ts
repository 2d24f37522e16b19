import { TestDatabases } from '@backstage/backend-test-utils';
import {
  emptyStatusCounts,
  WorkloadDrift,
} from '@prodready/backstage-plugin-readiness-common';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { applyDatabaseMigrations } from './migrations';
import { EntityScope, ScorecardWrite } from './ReadinessStore';

jest.setTimeout(60_000);

const ALL: EntityScope = { type: 'all' };
const only = (...refs: string[]): EntityScope => ({ type: 'refs', refs });

function drifted(name: string, cluster = 'prod-eu'): WorkloadDrift {
  return {
    kind: 'Deployment',
    namespace: 'shop',
    name,
    cluster,
    state: 'changed',
    differences: [
      {
        field: 'replicas',
        git: '3',
        live: '1',
        message: `live Deployment ${name} runs 1 replica, Git says 3`,
      },
    ],
  };
}

function write(
  name: string,
  at: Date,
  drift?: WorkloadDrift[],
): ScorecardWrite {
  return {
    entityRef: `component:default/${name}`,
    owner: 'group:default/team-a',
    report: {
      summary: {
        score: 80,
        level: 'silver',
        productionReady: true,
        counts: emptyStatusCounts(),
      },
      workloads: [],
      objects: [],
      evaluatedAt: at.toISOString(),
    },
    ...(drift ? { drift } : {}),
  };
}

const refsOf = (page: { items: { entityRef: string }[] }) =>
  page.items.map(row => row.entityRef);

describe('drift in the store', () => {
  const databases = TestDatabases.create();
  const first = new Date('2026-12-10T08:00:00Z');
  const second = new Date('2026-12-10T09:00:00Z');

  async function createStore(databaseId: any) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    return new DatabaseReadinessStore(knex);
  }

  it.each(databases.eachSupportedId())(
    'keeps drift with the scorecard and serves it after the report, on %s',
    async databaseId => {
      const store = await createStore(databaseId);
      await store.saveScorecards(
        [
          write('drifting', first, [drifted('web')]),
          write('agreeing', first, []),
          write('uncompared', first),
        ],
        first,
      );

      const scorecard = await store.getScorecard('component:default/drifting');
      expect(scorecard?.drift).toEqual([drifted('web')]);
      const json = await store.getScorecardJson('component:default/drifting');
      expect(json).toBe(JSON.stringify(scorecard));
      expect(json).toMatch(/"report":\{.*\},"drift":\[.*\]\}$/);
      // The summary that tags the response is where the JSON starts.
      const summary = await store.getScorecardSummaryJson(
        'component:default/drifting',
      );
      expect(Object.keys(JSON.parse(summary!))).not.toContain('driftCount');
      expect(Object.keys(JSON.parse(summary!))).not.toContain('drift');
      expect(json?.startsWith(summary!.slice(0, -1))).toBe(true);

      expect(
        (await store.getScorecard('component:default/agreeing'))?.drift,
      ).toEqual([]);
      expect(
        await store.getScorecard('component:default/uncompared'),
      ).not.toHaveProperty('drift');

      // Kept stale, the scorecard keeps the drift it was computed with ...
      await store.markStale(
        new Map([['component:default/drifting', 'cluster:prod-eu: HTTP 500']]),
      );
      expect(
        (await store.getScorecard('component:default/drifting'))?.drift,
      ).toEqual([drifted('web')]);
      // ... and an evaluation that compared nothing replaces it.
      await store.saveScorecards([write('drifting', second)], second);
      expect(
        await store.getScorecard('component:default/drifting'),
      ).not.toHaveProperty('drift');
    },
  );

  it.each(databases.eachSupportedId())(
    'counts drift per overview row and filters drifting entities within the scope, on %s',
    async databaseId => {
      const store = await createStore(databaseId);
      await store.saveScorecards(
        [
          write('a', first, [drifted('web'), drifted('web', 'prod-us')]),
          write('b', first, []),
          write('c', first),
          write('d', first, [drifted('worker')]),
        ],
        first,
      );

      const all = await store.queryOverview({ sort: 'title' }, ALL);
      expect(
        all.items.map(row => [row.entityRef, row.driftCount ?? 'absent']),
      ).toEqual([
        ['component:default/a', 2],
        ['component:default/b', 0],
        ['component:default/c', 'absent'],
        ['component:default/d', 1],
      ]);
      expect(all.total).toBe(4);

      // Twice: the second count is the one kept in memory for the filter.
      for (let read = 0; read < 2; read++) {
        const drifting = await store.queryOverview(
          { drift: true, sort: 'title' },
          ALL,
        );
        expect([refsOf(drifting), drifting.total]).toEqual([
          ['component:default/a', 'component:default/d'],
          2,
        ]);
      }
      const visible = await store.queryOverview(
        { drift: true },
        only('component:default/a', 'component:default/b'),
      );
      expect([refsOf(visible), visible.total]).toEqual([
        ['component:default/a'],
        1,
      ]);
      const none = await store.queryOverview(
        { drift: true },
        only('component:default/b', 'component:default/c'),
      );
      expect([refsOf(none), none.total]).toEqual([[], 0]);

      // d is fixed: the kept count follows at once.
      await store.saveScorecards([write('d', second, [])], second);
      const after = await store.queryOverview({ drift: true }, ALL);
      expect([refsOf(after), after.total]).toEqual([
        ['component:default/a'],
        1,
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'returns the workloads a replaced scorecard found drifting when the new one drifts, on %s',
    async databaseId => {
      const store = await createStore(databaseId);
      await store.saveScorecards(
        [
          write('a', first, [drifted('web')]),
          write('b', first, [drifted('web')]),
        ],
        first,
      );
      const replaced = await store.saveScorecards(
        [
          write('a', second, [drifted('web'), drifted('worker')]),
          write('b', second, []),
        ],
        second,
      );
      expect(replaced.get('component:default/a')?.driftedWorkloads).toEqual([
        'prod-eu|Deployment/shop/web',
      ]);
      // b no longer drifts: nothing to compare, nothing read.
      expect(replaced.get('component:default/b')?.driftedWorkloads).toEqual([]);
    },
  );
});
