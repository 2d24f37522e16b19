import { TestDatabases } from '@backstage/backend-test-utils';
import {
  emptyStatusCounts,
  ReadinessLevel,
  ReadinessReport,
} from '@prodready/backstage-plugin-readiness-common';
import { applyDatabaseMigrations } from './migrations';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { EntityScope, ScorecardWrite } from './ReadinessStore';

jest.setTimeout(60_000);

function report(
  score: number,
  level: ReadinessLevel,
  evaluatedAt: string,
  failing: string[] = [],
): ReadinessReport {
  return {
    summary: {
      score,
      level,
      productionReady: level === 'gold' || level === 'silver',
      counts: emptyStatusCounts(),
    },
    workloads: [
      {
        kind: 'Deployment',
        namespace: 'shipments',
        name: 'api',
        cluster: 'prod',
        score,
        level,
        results: failing.map(check => ({
          check,
          status: 'fail',
          severity: 'high',
          message: `${check} fails`,
        })),
      },
    ],
    objects: [],
    evaluatedAt,
  };
}

function write(
  entityRef: string,
  score: number,
  level: ReadinessLevel,
  at: string,
  extra: Partial<ScorecardWrite> = {},
): ScorecardWrite {
  return {
    entityRef,
    title: entityRef.split('/')[1],
    owner: 'group:default/team-a',
    report: report(score, level, at, score < 100 ? ['pdb'] : []),
    ...extra,
  };
}

const ALL: EntityScope = { type: 'all' };
const only = (...refs: string[]): EntityScope => ({ type: 'refs', refs });

describe('DatabaseReadinessStore', () => {
  const databases = TestDatabases.create();

  async function createStore(databaseId: any) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    return new DatabaseReadinessStore(knex);
  }

  it.each(databases.eachSupportedId())(
    "shows one replica's writes in the other's counts and aggregates at once, on %s",
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const reader = new DatabaseReadinessStore(knex);
      const writer = new DatabaseReadinessStore(knex);
      const at = '2026-11-20T08:00:00.000Z';
      const now = new Date(at);
      await writer.saveScorecards(
        [
          write('component:default/a', 60, 'bronze', at),
          write('component:default/b', 100, 'gold', at),
        ],
        now,
      );
      const read = async () => ({
        total: (await reader.queryOverview({}, ALL)).total,
        bronze: (await reader.queryOverview({ level: 'bronze' }, ALL)).total,
        owners: (await reader.adoptionByOwner(ALL)).map(
          row => `${row.owner}:${row.entities}`,
        ),
        failing: await reader.failingCheckTallies(ALL),
      });
      // Read twice: the second answer is the one kept in memory.
      await read();
      expect(await read()).toEqual({
        total: 2,
        bronze: 1,
        owners: ['group:default/team-a:2'],
        failing: [{ check: 'pdb', failingEntities: 1 }],
      });

      // The other replica: b drops to bronze and moves to another team, c arrives.
      await writer.saveScorecards(
        [
          write('component:default/b', 70, 'bronze', at, {
            owner: 'group:default/team-b',
          }),
          write('component:default/c', 65, 'bronze', at),
        ],
        now,
      );
      expect(await read()).toEqual({
        total: 3,
        bronze: 3,
        owners: ['group:default/team-a:2', 'group:default/team-b:1'],
        failing: [{ check: 'pdb', failingEntities: 3 }],
      });

      await writer.deleteScorecards(['component:default/a']);
      expect(await read()).toEqual({
        total: 2,
        bronze: 2,
        owners: ['group:default/team-a:1', 'group:default/team-b:1'],
        failing: [{ check: 'pdb', failingEntities: 2 }],
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the latest scorecard, its history and the daily trend on %s',
    async databaseId => {
      const store = await createStore(databaseId);
      const day1 = new Date('2026-11-20T08:00:00Z');
      const day1Later = new Date('2026-11-20T09:00:00Z');
      const day2 = new Date('2026-11-21T08:00:00Z');
      const ref = 'component:default/shipment-service';

      await store.saveScorecards(
        [write(ref, 80, 'silver', day1.toISOString())],
        day1,
      );
      // Same result later that day: no new history point.
      await store.saveScorecards(
        [write(ref, 80, 'silver', day1Later.toISOString())],
        day1Later,
      );
      // Next day, still unchanged: one point for the day.
      await store.saveScorecards(
        [write(ref, 80, 'silver', day2.toISOString())],
        day2,
      );
      // A change: a point at once.
      const day2Later = new Date('2026-11-21T09:00:00Z');
      await store.saveScorecards(
        [write(ref, 100, 'gold', day2Later.toISOString())],
        day2Later,
      );

      const scorecard = await store.getScorecard(ref);
      expect(scorecard).toMatchObject({
        entityRef: ref,
        title: 'shipment-service',
        owner: 'group:default/team-a',
        score: 100,
        level: 'gold',
        productionReady: true,
        stale: false,
        evaluatedAt: day2Later.toISOString(),
      });
      expect(scorecard?.report.workloads[0].name).toBe('api');
      // The JSON the route sends is that scorecard, byte for byte.
      expect(await store.getScorecardJson(ref)).toBe(JSON.stringify(scorecard));
      expect(await store.getScorecardJson('component:default/none')).toBe(
        undefined,
      );
      expect(await store.getEvaluatedAt(ref)).toBe(day2Later.toISOString());
      expect(await store.getEvaluatedAt('component:default/none')).toBe(
        undefined,
      );

      const history = await store.getHistory(ref, new Date('2026-11-01'));
      expect(history.map(point => [point.recordedAt, point.score])).toEqual([
        [day1.toISOString(), 80],
        [day2.toISOString(), 80],
        [day2Later.toISOString(), 100],
      ]);

      const trend = await store.getTrend(new Date('2026-11-01'), only(ref));
      expect(trend).toEqual([
        {
          day: '2026-11-20',
          entities: 1,
          levels: { gold: 0, silver: 1, bronze: 0, none: 0 },
          productionReadyShare: 1,
          meanScore: 80,
        },
        {
          day: '2026-11-21',
          entities: 1,
          levels: { gold: 1, silver: 0, bronze: 0, none: 0 },
          productionReadyShare: 1,
          meanScore: 100,
        },
      ]);
      // Entities the caller may not see are left out of the trend.
      expect(await store.getTrend(new Date('2026-11-01'), only())).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'returns the scorecards a save replaced, with the failed checks of those that got worse, on %s',
    async databaseId => {
      const store = await createStore(databaseId);
      const first = new Date('2026-11-22T08:00:00Z');
      const second = new Date('2026-11-22T09:00:00Z');
      const better = 'component:default/better';
      const worse = 'component:default/worse';
      const firstTime = await store.saveScorecards(
        [
          write(better, 70, 'bronze', first.toISOString()),
          write(worse, 100, 'gold', first.toISOString()),
        ],
        first,
      );
      expect(firstTime.size).toBe(0);
      await store.markStale(new Map([[better, 'cluster:prod: HTTP 500']]));

      const replaced = await store.saveScorecards(
        [
          write(better, 100, 'gold', second.toISOString()),
          write(worse, 70, 'bronze', second.toISOString(), {
            report: report(70, 'bronze', second.toISOString(), [
              'pdb',
              'probes',
            ]),
          }),
          write('component:default/new', 90, 'silver', second.toISOString()),
        ],
        second,
      );
      expect(Object.fromEntries(replaced)).toEqual({
        [better]: {
          level: 'bronze',
          productionReady: false,
          evaluatedAt: first.toISOString(),
          stale: true,
          failingChecks: [],
          driftedWorkloads: [],
        },
        [worse]: {
          level: 'gold',
          productionReady: true,
          evaluatedAt: first.toISOString(),
          stale: false,
          failingChecks: [],
          driftedWorkloads: [],
        },
      });

      // The next drop of `worse` is told with what it failed before.
      const third = new Date('2026-11-22T10:00:00Z');
      const again = await store.saveScorecards(
        [
          write(worse, 10, 'none', third.toISOString(), {
            report: report(10, 'none', third.toISOString(), ['pdb', 'x']),
          }),
        ],
        third,
      );
      expect(again.get(worse)?.failingChecks).toEqual(['pdb', 'probes']);
    },
  );

  it.each(databases.eachSupportedId())(
    'marks scorecards stale without losing their results on %s',
    async databaseId => {
      const store = await createStore(databaseId);
      const at = new Date('2026-11-22T10:00:00Z');
      await store.saveScorecards(
        [
          write('component:default/a', 70, 'bronze', at.toISOString()),
          write('component:default/b', 100, 'gold', at.toISOString()),
        ],
        at,
      );
      await store.markStale(
        new Map([['component:default/a', 'cluster:prod: HTTP 500']]),
      );

      const { items } = await store.queryOverview({}, ALL);
      expect(
        items.map(({ entityRef, score, stale, workloadCount }) => ({
          entityRef,
          score,
          stale,
          workloadCount,
        })),
      ).toEqual([
        {
          entityRef: 'component:default/a',
          score: 70,
          stale: true,
          workloadCount: 1,
        },
        {
          entityRef: 'component:default/b',
          score: 100,
          stale: false,
          workloadCount: 1,
        },
      ]);
      expect(await store.getScorecard('component:default/a')).toMatchObject({
        score: 70,
        stale: true,
        staleReason: 'cluster:prod: HTTP 500',
      });
      expect(await store.failingCheckTallies(ALL)).toEqual([
        { check: 'pdb', failingEntities: 1 },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'writes thousands of scorecards in batches and prunes old history on %s',
    async databaseId => {
      const store = await createStore(databaseId);
      const old = new Date('2025-01-01T00:00:00Z');
      const now = new Date('2026-11-22T00:00:00Z');
      const refs = Array.from(
        { length: 1200 },
        (_, i) => `component:default/service-${i}`,
      );
      await store.saveScorecards(
        refs.map(ref => write(ref, 90, 'silver', old.toISOString())),
        old,
      );
      await store.saveScorecards(
        refs.map(ref => write(ref, 100, 'gold', now.toISOString())),
        now,
      );
      expect((await store.queryOverview({ limit: 1 }, ALL)).total).toBe(1200);

      await store.pruneHistory(new Date('2026-01-01T00:00:00Z'));
      const history = await store.getHistory(refs[0], new Date(0));
      expect(history.map(point => point.score)).toEqual([100]);
      const trend = await store.getTrend(new Date(0), only(...refs));
      expect(trend.map(point => [point.day, point.entities])).toEqual([
        ['2026-11-22', 1200],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    "tells each source's latest read and its last success on %s",
    async databaseId => {
      const store = await createStore(databaseId);
      await store.recordSourceRuns([
        {
          source: 'cluster:prod',
          startedAt: new Date('2026-11-22T10:00:00Z'),
          durationMs: 1200,
          objectCount: 40,
          errors: [],
          warnings: [],
        },
        {
          source: 'directory:demo',
          startedAt: new Date('2026-11-22T10:00:00Z'),
          durationMs: 30,
          objectCount: 12,
          errors: [],
          warnings: [],
        },
      ]);
      await store.recordSourceRuns([
        {
          source: 'cluster:prod',
          startedAt: new Date('2026-11-22T10:15:00Z'),
          durationMs: 900,
          objectCount: 0,
          errors: ['cluster prod: listing deployments failed: HTTP 500'],
          warnings: [],
        },
      ]);
      expect(await store.sourceHealth()).toEqual([
        {
          source: 'cluster:prod',
          lastRunAt: '2026-11-22T10:15:00.000Z',
          durationMs: 900,
          objectCount: 0,
          healthy: false,
          errors: ['cluster prod: listing deployments failed: HTTP 500'],
          warnings: [],
          lastSuccessAt: '2026-11-22T10:00:00.000Z',
        },
        expect.objectContaining({
          source: 'directory:demo',
          objectCount: 12,
          healthy: true,
        }),
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'tidies its tables after a cycle so that overview reads stay index-only, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const store = new DatabaseReadinessStore(knex);
      await store.saveScorecards(
        [write('component:default/a', 90, 'silver', '2026-11-22T10:00:00Z')],
        new Date('2026-11-22T10:00:00Z'),
      );

      await store.optimizeForReads();

      // PostgreSQL records the vacuum; SQLite has no such record.
      const postgres = databaseId.startsWith('POSTGRES');
      const vacuumed = postgres
        ? (
            await knex('pg_stat_user_tables')
              .select('relname')
              .whereNotNull('last_vacuum')
              .whereIn('relname', [
                'readiness_scorecards',
                'readiness_failing_checks',
              ])
              .orderBy('relname')
          ).map(row => row.relname)
        : 'not recorded';
      expect(vacuumed).toEqual(
        postgres
          ? ['readiness_failing_checks', 'readiness_scorecards']
          : 'not recorded',
      );
      // The overview reads as before.
      expect(
        (await store.queryOverview({}, { type: 'all' })).items,
      ).toHaveLength(1);
    },
  );
});
