import { TestDatabases } from '@backstage/backend-test-utils';
import {
  CheckStatus,
  emptyStatusCounts,
  PlatformReport,
  ReadinessLevel,
} from '@prodready/backstage-plugin-readiness-common';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { applyDatabaseMigrations } from './migrations';
import { PlatformScorecardWrite } from './ReadinessStore';

jest.setTimeout(60_000);

function report(
  score: number,
  level: ReadinessLevel,
  evaluatedAt: string,
  statuses: Record<string, CheckStatus>,
): PlatformReport {
  return {
    summary: {
      score,
      level,
      productionReady: level === 'gold' || level === 'silver',
      counts: emptyStatusCounts(),
    },
    cluster: {
      name: 'prod-eu',
      results: Object.entries(statuses).map(([check, status]) => ({
        check,
        status,
        severity: 'high',
        message: `${check}: ${status}`,
      })),
    },
    evaluatedAt,
  };
}

function write(
  cluster: string,
  score: number,
  at: string,
  statuses: Record<string, CheckStatus> = { 'backup-system': 'pass' },
  extra: Partial<PlatformScorecardWrite> = {},
): PlatformScorecardWrite {
  return {
    cluster,
    report: report(score, score >= 80 ? 'silver' : 'bronze', at, statuses),
    ...extra,
  };
}

describe('DatabaseReadinessStore platform scorecards', () => {
  const databases = TestDatabases.create();

  async function createStore(databaseId: any) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    return new DatabaseReadinessStore(knex);
  }

  it.each(databases.eachSupportedId())(
    'keeps the latest scorecard per cluster with its entity, and a point per change or day, on %s',
    async databaseId => {
      const store = await createStore(databaseId);
      const day1 = '2026-12-01T08:00:00.000Z';
      const day1Later = '2026-12-01T09:00:00.000Z';
      const day1Evening = '2026-12-01T20:00:00.000Z';
      const day2 = '2026-12-02T08:00:00.000Z';

      await store.savePlatformScorecard(
        write('prod-eu', 70, day1, undefined, {
          entityRef: 'resource:default/prod-eu',
          title: 'Production EU',
        }),
        new Date(day1),
      );
      // Same results later that day: no new point.
      await store.savePlatformScorecard(
        write('prod-eu', 70, day1Later, undefined, {
          entityRef: 'resource:default/prod-eu',
          title: 'Production EU',
        }),
        new Date(day1Later),
      );
      // A check's status changed, the score did not: a point.
      await store.savePlatformScorecard(
        write(
          'prod-eu',
          70,
          day1Evening,
          { 'backup-system': 'fail' },
          { entityRef: 'resource:default/prod-eu', title: 'Production EU' },
        ),
        new Date(day1Evening),
      );
      // First evaluation of the next day: a point; the entity is gone.
      await store.savePlatformScorecard(
        write('prod-eu', 85, day2, { 'backup-system': 'pass' }),
        new Date(day2),
      );
      await store.savePlatformScorecard(write('lab', 40, day2), new Date(day2));

      const scorecard = await store.getPlatformScorecard('prod-eu');
      expect(scorecard).toEqual({
        cluster: 'prod-eu',
        score: 85,
        level: 'silver',
        productionReady: true,
        evaluatedAt: day2,
        stale: false,
        report: report(85, 'silver', day2, { 'backup-system': 'pass' }),
      });
      expect(await store.getPlatformScorecard('nowhere')).toBeUndefined();

      const history = await store.getPlatformHistory(
        'prod-eu',
        new Date('2026-11-01T00:00:00Z'),
      );
      expect(history.map(point => [point.recordedAt, point.score])).toEqual([
        [day1, 70],
        [day1Evening, 70],
        [day2, 85],
      ]);
      expect(
        await store.getPlatformHistory('prod-eu', new Date(day1Evening)),
      ).toHaveLength(2);

      // The trend: the last point of each day.
      const trends = await store.platformDailyTrends(
        new Date('2026-11-01T00:00:00Z'),
      );
      expect(
        trends.get('prod-eu')?.map(point => [point.recordedAt, point.score]),
      ).toEqual([
        [day1Evening, 70],
        [day2, 85],
      ]);
      expect(trends.get('lab')).toHaveLength(1);

      expect(await store.listPlatformClusters()).toEqual(['lab', 'prod-eu']);
      expect(await store.listPlatformSummaries()).toEqual([
        expect.objectContaining({
          cluster: 'lab',
          score: 40,
          statuses: { 'backup-system': 'pass' },
        }),
        expect.objectContaining({
          cluster: 'prod-eu',
          score: 85,
          stale: false,
          statuses: { 'backup-system': 'pass' },
        }),
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'marks a scorecard stale keeping its results, clears that on the next save, and prunes and deletes, on %s',
    async databaseId => {
      const store = await createStore(databaseId);
      const day1 = '2026-12-01T08:00:00.000Z';
      await store.savePlatformScorecard(
        write('prod-eu', 90, day1, undefined, {
          entityRef: 'resource:default/prod-eu',
        }),
        new Date(day1),
      );
      await store.markPlatformStale('prod-eu', 'Cluster prod-eu: HTTP 503');
      await store.markPlatformStale('unknown', 'nothing to mark');
      const stale = await store.getPlatformScorecard('prod-eu');
      expect(stale).toMatchObject({
        score: 90,
        entityRef: 'resource:default/prod-eu',
        stale: true,
        staleReason: 'Cluster prod-eu: HTTP 503',
      });
      expect(await store.getPlatformScorecard('unknown')).toBeUndefined();

      const day2 = '2026-12-02T08:00:00.000Z';
      await store.savePlatformScorecard(
        write('prod-eu', 90, day2),
        new Date(day2),
      );
      const fresh = await store.getPlatformScorecard('prod-eu');
      expect(fresh?.stale).toBe(false);
      expect(fresh?.staleReason).toBeUndefined();

      await store.pruneHistory(new Date('2026-12-02T00:00:00Z'));
      expect(
        (await store.getPlatformHistory('prod-eu', new Date(0))).map(
          point => point.recordedAt,
        ),
      ).toEqual([day2]);

      await store.deletePlatformScorecards(['prod-eu']);
      expect(await store.getPlatformScorecard('prod-eu')).toBeUndefined();
      expect(await store.listPlatformSummaries()).toEqual([]);
    },
  );
});
