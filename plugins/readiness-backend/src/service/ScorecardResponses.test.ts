import { TestDatabases } from '@backstage/backend-test-utils';
import {
  emptyStatusCounts,
  ReadinessReport,
} from '@prodready/backstage-plugin-readiness-common';
import { gunzipSync } from 'node:zlib';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { applyDatabaseMigrations } from '../database/migrations';
import { ScorecardResponses } from './ScorecardResponses';

jest.setTimeout(60_000);

function report(score: number, evaluatedAt: string): ReadinessReport {
  return {
    summary: {
      score,
      level: score === 100 ? 'gold' : 'bronze',
      productionReady: score === 100,
      counts: emptyStatusCounts(),
    },
    workloads: [
      {
        kind: 'Deployment',
        namespace: 'shop',
        name: 'api',
        score,
        level: 'bronze',
        // A message with quotes and the text `,"report":`, as a custom
        // check's message may hold.
        results: [
          {
            check: 'replicas',
            status: 'fail',
            severity: 'high',
            message: 'Runs 1 replica(s), "report": says so',
          },
        ],
      },
    ],
    objects: [],
    evaluatedAt,
  };
}

const gunzipText = (buffer: Buffer) => gunzipSync(buffer).toString('utf8');

describe('ScorecardResponses', () => {
  const databases = TestDatabases.create();

  async function twoReplicas(databaseId: any) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    // Two stores on one database stand for two replicas of the backend.
    return {
      writer: new DatabaseReadinessStore(knex),
      reader: new DatabaseReadinessStore(knex),
    };
  }

  it.each(databases.eachSupportedId())(
    'serves the stored JSON, compressed, and sees every write at once on %s',
    async databaseId => {
      const { writer, reader } = await twoReplicas(databaseId);
      const responses = new ScorecardResponses(reader);
      const ref = 'component:default/api';
      expect(await responses.get(ref)).toBeUndefined();

      await writer.saveScorecards(
        [
          {
            entityRef: ref,
            title: 'API "v2"',
            report: report(40, '2026-12-01T10:00:00.000Z'),
          },
        ],
        new Date('2026-12-01T10:00:00Z'),
      );
      const first = await responses.get(ref);
      expect(gunzipText(first!.gzipped)).toBe(
        await reader.getScorecardJson(ref),
      );
      expect(JSON.parse(await first!.json())).toMatchObject({
        entityRef: ref,
        title: 'API "v2"',
        score: 40,
      });
      const again = await responses.get(ref);
      expect(again!.etag).toBe(first!.etag);

      // A new evaluation, written by the other replica.
      await writer.saveScorecards(
        [{ entityRef: ref, report: report(100, '2026-12-01T11:00:00.000Z') }],
        new Date('2026-12-01T11:00:00Z'),
      );
      const second = await responses.get(ref);
      expect(second!.etag).not.toBe(first!.etag);
      expect(JSON.parse(gunzipText(second!.gzipped))).toMatchObject({
        score: 100,
        evaluatedAt: '2026-12-01T11:00:00.000Z',
      });

      // Staleness changes the response without a new evaluation.
      await writer.markStale(new Map([[ref, 'cluster prod: 503']]));
      const stale = await responses.get(ref);
      expect(stale!.etag).not.toBe(second!.etag);
      expect(JSON.parse(await stale!.json())).toMatchObject({
        score: 100,
        stale: true,
        staleReason: 'cluster prod: 503',
      });

      await writer.deleteScorecards([ref]);
      expect(await responses.get(ref)).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps at most its byte budget, dropping the least recently used on %s',
    async databaseId => {
      const { writer, reader } = await twoReplicas(databaseId);
      const refs = ['a', 'b', 'c'].map(name => `component:default/${name}`);
      await writer.saveScorecards(
        refs.map(entityRef => ({
          entityRef,
          report: report(40, '2026-12-01T10:00:00.000Z'),
        })),
        new Date('2026-12-01T10:00:00Z'),
      );
      const size = (await new ScorecardResponses(reader).get(refs[0]))!.gzipped
        .byteLength;
      // Room for two responses, not three.
      const responses = new ScorecardResponses(reader, size * 2 + size / 2);
      const reads = jest.spyOn(reader, 'getScorecardJson');
      await responses.get(refs[0]);
      await responses.get(refs[1]);
      await responses.get(refs[0]); // a is now the most recently used
      await responses.get(refs[2]); // drops b
      expect(reads).toHaveBeenCalledTimes(3);
      await responses.get(refs[0]);
      await responses.get(refs[2]);
      expect(reads).toHaveBeenCalledTimes(3);
      await responses.get(refs[1]);
      expect(reads).toHaveBeenCalledTimes(4);
    },
  );
});
