import { TestDatabases } from '@backstage/backend-test-utils';
import {
  applyDatabaseMigrations,
  applyNextDatabaseMigration,
  rollbackDatabaseMigrations,
  rollbackLastDatabaseMigration,
} from './migrations';

jest.setTimeout(60_000);

const TABLES = [
  'readiness_scorecards',
  'readiness_history',
  'readiness_daily',
  'readiness_source_runs',
  'readiness_failing_checks',
  'readiness_daily_totals',
  'readiness_platform_scorecards',
  'readiness_platform_history',
  'readiness_exempt_checks',
  'readiness_campaigns',
  'readiness_campaign_progress',
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

describe('the migration that moves failing checks to their own table', () => {
  const databases = TestDatabases.create();

  it.each(databases.eachSupportedId())(
    'carries the failing checks of stored scorecards over, and back, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyNextDatabaseMigration(knex);
      const row = (name: string, failing: string[]) => ({
        entity_ref: `component:default/${name}`,
        score: 50,
        level: 'bronze',
        production_ready: false,
        failing_checks: JSON.stringify(failing),
        report: '{}',
        evaluated_at: new Date('2026-11-22T10:00:00Z'),
        stale: false,
      });
      await knex('readiness_scorecards').insert([
        row('cart', ['pdb', 'probes']),
        row('orders', []),
      ]);

      await applyNextDatabaseMigration(knex);
      expect(
        await knex('readiness_failing_checks')
          .select('entity_ref', 'check_id')
          .orderBy(['entity_ref', 'check_id']),
      ).toEqual([
        { entity_ref: 'component:default/cart', check_id: 'pdb' },
        { entity_ref: 'component:default/cart', check_id: 'probes' },
      ]);
      expect(
        await knex.schema.hasColumn('readiness_scorecards', 'failing_checks'),
      ).toBe(false);

      await rollbackLastDatabaseMigration(knex);
      const restored = await knex('readiness_scorecards')
        .select('entity_ref', 'failing_checks')
        .orderBy('entity_ref');
      expect(restored).toEqual([
        {
          entity_ref: 'component:default/cart',
          failing_checks: '["pdb","probes"]',
        },
        { entity_ref: 'component:default/orders', failing_checks: '[]' },
      ]);
    },
  );
});

describe('the migration that gives every overview sort an index', () => {
  const databases = TestDatabases.create();

  it.each(databases.eachSupportedId())(
    'fills the level rank and search text of stored scorecards, and undoes it, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyNextDatabaseMigration(knex);
      await applyNextDatabaseMigration(knex);
      const row = (name: string, level: string, owner: string | null) => ({
        entity_ref: `component:default/${name}`,
        title: name === 'cart' ? 'Shopping Cart' : null,
        owner,
        system: null,
        score: 50,
        level,
        production_ready: false,
        report: '{}',
        evaluated_at: new Date('2026-11-22T10:00:00Z'),
        stale: false,
      });
      await knex('readiness_scorecards').insert([
        row('cart', 'silver', 'group:default/Checkout'),
        row('orders', 'none', null),
      ]);

      await applyNextDatabaseMigration(knex);
      expect(
        await knex('readiness_scorecards')
          .select('entity_ref', 'level_rank', 'owner', 'title', 'search_text')
          .orderBy('entity_ref'),
      ).toEqual([
        {
          entity_ref: 'component:default/cart',
          level_rank: 2,
          owner: 'group:default/Checkout',
          title: 'Shopping Cart',
          search_text:
            'component:default/cart\nshopping cart\ngroup:default/checkout\n',
        },
        {
          entity_ref: 'component:default/orders',
          level_rank: 0,
          owner: '',
          title: '',
          search_text: 'component:default/orders\n\n\n',
        },
      ]);

      await rollbackLastDatabaseMigration(knex);
      expect(
        await knex.schema.hasColumn('readiness_scorecards', 'level_rank'),
      ).toBe(false);
      expect(
        await knex('readiness_scorecards')
          .select('entity_ref', 'owner', 'title')
          .orderBy('entity_ref'),
      ).toEqual([
        {
          entity_ref: 'component:default/cart',
          owner: 'group:default/Checkout',
          title: 'Shopping Cart',
        },
        { entity_ref: 'component:default/orders', owner: null, title: null },
      ]);
    },
  );
});

describe('the migration that keeps drift with the scorecards', () => {
  const databases = TestDatabases.create();

  it.each(databases.eachSupportedId())(
    'leaves stored scorecards uncompared, and removes the columns again, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      await rollbackLastDatabaseMigration(knex);
      await knex('readiness_scorecards').insert({
        entity_ref: 'component:default/cart',
        score: 50,
        level: 'bronze',
        production_ready: false,
        report: '{}',
        evaluated_at: new Date('2026-12-10T10:00:00Z'),
        stale: false,
      });

      await applyNextDatabaseMigration(knex);
      expect(
        await knex('readiness_scorecards').select('drift', 'drift_count'),
      ).toEqual([{ drift: null, drift_count: null }]);

      await rollbackLastDatabaseMigration(knex);
      expect(await knex.schema.hasColumn('readiness_scorecards', 'drift')).toBe(
        false,
      );
      expect(
        await knex.schema.hasColumn('readiness_scorecards', 'drift_count'),
      ).toBe(false);
      expect(await knex('readiness_scorecards').select('entity_ref')).toEqual([
        { entity_ref: 'component:default/cart' },
      ]);
    },
  );
});
