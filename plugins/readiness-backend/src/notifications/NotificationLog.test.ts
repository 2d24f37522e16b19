import { TestDatabases } from '@backstage/backend-test-utils';
import { applyDatabaseMigrations } from '../database/migrations';
import { NotificationLog } from './NotificationLog';

jest.setTimeout(60_000);

describe('NotificationLog', () => {
  const databases = TestDatabases.create();

  async function createLogs(databaseId: any) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    // Two logs over one database: two replicas.
    return [new NotificationLog(knex), new NotificationLog(knex)] as const;
  }

  it.each(databases.eachSupportedId())(
    'grants each key once across replicas, and again after release or prune, on %s',
    async databaseId => {
      const [first, second] = await createLogs(databaseId);
      const now = new Date('2026-12-06T08:00:00.000Z');
      const key = `level-drop:component:default/${'x'.repeat(400)}`;

      const claims = await Promise.all([
        first.claim(key, now),
        second.claim(key, now),
        first.claim(key, now),
      ]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await second.has(key)).toBe(true);
      expect(await second.claim('another-key', now)).toBe(true);

      await first.release(key);
      expect(await second.has(key)).toBe(false);
      expect(await second.claim(key, now)).toBe(true);

      await first.prune(new Date('2026-12-06T08:00:00.001Z'));
      expect(await first.has(key)).toBe(false);
      expect(await first.has('another-key')).toBe(false);
    },
  );
});
