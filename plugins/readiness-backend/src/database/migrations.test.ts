import { TestDatabases } from '@backstage/backend-test-utils';
import {
  applyDatabaseMigrations,
  rollbackDatabaseMigrations,
} from './migrations';

jest.setTimeout(60_000);

const TABLES = [
  'readiness_scorecards',
  'readiness_history',
  'readiness_daily',
  'readiness_source_runs',
];

describe('database migrations', () => {
  const databases = TestDatabases.create();

  it.each(databases.eachSupportedId())(
    'creates the store and removes it again on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);

      await applyDatabaseMigrations(knex);
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
      // A scorecard row round-trips with its report.
      await knex('readiness_scorecards').insert({
        entity_ref: 'component:default/shipment-api',
        score: 97,
        level: 'gold',
        production_ready: true,
        failing_checks: '[]',
        report: JSON.stringify({ summary: { score: 97 } }),
        evaluated_at: new Date('2026-11-22T10:00:00Z'),
        stale: false,
      });
      const [row] = await knex('readiness_scorecards').select();
      expect(row.entity_ref).toBe('component:default/shipment-api');
      expect(JSON.parse(row.report).summary.score).toBe(97);

      // Running the migrations again is a no-op, as at every start-up.
      await applyDatabaseMigrations(knex);

      await rollbackDatabaseMigrations(knex);
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
    },
  );
});
