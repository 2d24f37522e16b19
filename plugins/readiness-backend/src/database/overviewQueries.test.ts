import { TestDatabases } from '@backstage/backend-test-utils';
import {
  emptyStatusCounts,
  ReadinessLevel,
  ReadinessReport,
} from '@prodready/backstage-plugin-readiness-common';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { applyDatabaseMigrations } from './migrations';
import { EntityScope, ScorecardWrite } from './ReadinessStore';

jest.setTimeout(60_000);

const ALL: EntityScope = { type: 'all' };
const AT = '2026-12-01T10:00:00.000Z';

function scorecard(
  name: string,
  score: number,
  level: ReadinessLevel,
  extra: Partial<ScorecardWrite> & { failing?: string[] } = {},
): ScorecardWrite {
  const { failing = [], ...rest } = extra;
  const report: ReadinessReport = {
    summary: {
      score,
      level,
      productionReady: level === 'gold' || level === 'silver',
      counts: emptyStatusCounts(),
    },
    workloads: [
      {
        kind: 'Deployment',
        namespace: 'default',
        name,
        score,
        level,
        results: failing.map(check => ({
          check,
          status: 'fail' as const,
          severity: 'high' as const,
          message: `${check} fails`,
        })),
      },
    ],
    objects: [],
    evaluatedAt: AT,
  };
  return {
    entityRef: `component:default/${name}`,
    title: name,
    report,
    ...rest,
  };
}

// Eight entities over three owners, one without owner or title.
const CATALOG: ScorecardWrite[] = [
  scorecard('orders', 95, 'gold', {
    title: 'Orders API',
    owner: 'group:default/checkout',
    system: 'system:default/shop',
  }),
  scorecard('cart', 72, 'bronze', {
    title: 'Cart',
    owner: 'group:default/checkout',
    system: 'system:default/shop',
    failing: ['pdb', 'probes'],
  }),
  scorecard('payments', 88, 'silver', {
    title: 'Payments 100% safe',
    owner: 'group:default/payments',
    failing: ['pdb'],
  }),
  scorecard('ledger', 40, 'none', {
    title: 'Ledger_v2',
    owner: 'group:default/payments',
    failing: ['pdb', 'probes', 'run-as-non-root'],
  }),
  scorecard('search', 72, 'bronze', {
    title: 'Shipment Service',
    owner: 'group:default/logistics',
    failing: ['probes'],
  }),
  scorecard('tracking', 100, 'gold', { owner: 'group:default/logistics' }),
  scorecard('labels', 81, 'silver', { owner: 'group:default/logistics' }),
  scorecard('orphan', 60, 'bronze', { title: undefined }),
];

describe('the overview in SQL', () => {
  const databases = TestDatabases.create();

  async function storeWithCatalog(databaseId: any) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const store = new DatabaseReadinessStore(knex);
    await store.saveScorecards(CATALOG, new Date(AT));
    return store;
  }

  const names = (page: { items: Array<{ entityRef: string }> }) =>
    page.items.map(item => item.entityRef.split('/')[1]);

  it.each(databases.eachSupportedId())(
    'filters, searches, sorts and pages with a total on %s',
    async databaseId => {
      const store = await storeWithCatalog(databaseId);

      // Default: score ascending, ties by ref.
      const first = await store.queryOverview({ limit: 3 }, ALL);
      expect(names(first)).toEqual(['ledger', 'orphan', 'cart']);
      expect(first).toMatchObject({ total: 8, limit: 3, offset: 0 });
      const second = await store.queryOverview({ limit: 3, offset: 3 }, ALL);
      expect(names(second)).toEqual(['search', 'labels', 'payments']);

      // Descending reverses the whole order, ties by ref included, so a
      // sort reads one index backwards.
      expect(
        names(await store.queryOverview({ sort: 'level', order: 'desc' }, ALL)),
      ).toEqual([
        'tracking',
        'orders',
        'payments',
        'labels',
        'search',
        'orphan',
        'cart',
        'ledger',
      ]);
      const lastPageDesc = await store.queryOverview(
        { sort: 'score', order: 'desc', limit: 3, offset: 5 },
        ALL,
      );
      expect(names(lastPageDesc)).toEqual(['cart', 'orphan', 'ledger']);
      // Entities without an owner come first ascending, last descending.
      const byOwner = await store.queryOverview({ sort: 'owner' }, ALL);
      expect(names(byOwner)[0]).toBe('orphan');
      const byOwnerDesc = await store.queryOverview(
        { sort: 'owner', order: 'desc' },
        ALL,
      );
      expect(names(byOwnerDesc).at(-1)).toBe('orphan');

      const checkout = await store.queryOverview(
        { owner: 'group:default/checkout', level: 'bronze' },
        ALL,
      );
      expect(names(checkout)).toEqual(['cart']);
      expect(checkout.total).toBe(1);
      expect(
        (await store.queryOverview({ system: 'system:default/shop' }, ALL))
          .total,
      ).toBe(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'searches ref, title, owner and system, taking wildcards literally, on %s',
    async databaseId => {
      const store = await storeWithCatalog(databaseId);
      const search = async (q: string) =>
        names(await store.queryOverview({ q }, ALL)).sort();

      // A space inside the text, any case, surrounding blanks ignored.
      expect(await search('  shipment SERVICE ')).toEqual(['search']);
      expect(await search('logistics')).toEqual([
        'labels',
        'search',
        'tracking',
      ]);
      expect(await search('system:default/shop')).toEqual(['cart', 'orders']);
      // LIKE's own wildcards are plain characters here.
      expect(await search('100%')).toEqual(['payments']);
      expect(await search('r_v')).toEqual(['ledger']);
      expect(await search('%')).toEqual(['payments']);
      expect(await search('_')).toEqual(['ledger']);
      expect(await search('nothing like this')).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    "counts adoption per owner and failing checks over the caller's scope on %s",
    async databaseId => {
      const store = await storeWithCatalog(databaseId);

      const adoption = await store.adoptionByOwner(ALL);
      expect(adoption.map(owner => owner.owner)).toEqual([
        'unowned',
        'group:default/checkout',
        'group:default/payments',
        'group:default/logistics',
      ]);
      expect(adoption[3]).toEqual({
        owner: 'group:default/logistics',
        entities: 3,
        levels: { gold: 1, silver: 1, bronze: 1, none: 0 },
        productionReadyShare: 2 / 3,
        meanScore: 84,
      });

      expect(await store.failingCheckTallies(ALL)).toEqual([
        { check: 'pdb', failingEntities: 3 },
        { check: 'probes', failingEntities: 3 },
        { check: 'run-as-non-root', failingEntities: 1 },
      ]);

      const payments: EntityScope = {
        type: 'refs',
        refs: ['component:default/payments', 'component:default/ledger'],
      };
      expect(await store.failingCheckTallies(payments)).toEqual([
        { check: 'pdb', failingEntities: 2 },
        { check: 'probes', failingEntities: 1 },
        { check: 'run-as-non-root', failingEntities: 1 },
      ]);
      expect(
        (await store.adoptionByOwner(payments)).map(owner => owner.owner),
      ).toEqual(['group:default/payments']);

      // A scorecard that passes again stops counting.
      await store.saveScorecards(
        [scorecard('ledger', 100, 'gold', { owner: 'group:default/payments' })],
        new Date(AT),
      );
      expect(await store.failingCheckTallies(payments)).toEqual([
        { check: 'pdb', failingEntities: 1 },
      ]);
      // A removed entity leaves every count.
      await store.deleteScorecards(['component:default/payments']);
      expect(await store.failingCheckTallies(payments)).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'limits every query to a scope of tens of thousands of refs on %s',
    async databaseId => {
      const store = await storeWithCatalog(databaseId);
      // More refs than SQLite allows bound parameters in one statement.
      const refs = Array.from(
        { length: 40_000 },
        (_, i) => `component:default/unknown-${i}`,
      );
      refs.push('component:default/cart', 'component:default/orders');
      const scope: EntityScope = { type: 'refs', refs };

      const page = await store.queryOverview({}, scope);
      expect(names(page)).toEqual(['cart', 'orders']);
      expect(page.total).toBe(2);
      expect((await store.adoptionByOwner(scope))[0].entities).toBe(2);
      expect(await store.getTrend(new Date('2026-11-01'), scope)).toEqual([
        expect.objectContaining({ day: '2026-12-01', entities: 2 }),
      ]);
      const nothing: EntityScope = { type: 'refs', refs: [] };
      expect(await store.queryOverview({}, nothing)).toMatchObject({
        items: [],
        total: 0,
      });
    },
  );
});

describe('the organisation trend', () => {
  const databases = TestDatabases.create();

  it.each(databases.eachSupportedId())(
    'reads the daily sums over every entity, and the same from rows over a scope, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const store = new DatabaseReadinessStore(knex);
      const day1 = new Date('2026-12-01T10:00:00Z');
      const day2 = new Date('2026-12-02T10:00:00Z');
      await store.saveScorecards(
        [
          scorecard('a', 50, 'bronze'),
          scorecard('b', 90, 'silver'),
          scorecard('c', 100, 'gold'),
        ],
        day1,
      );
      // Day 2: a improves to gold, and a refresh later moves b down again.
      await store.saveScorecards([scorecard('a', 100, 'gold')], day2);
      await store.saveScorecards([scorecard('b', 60, 'bronze')], day2);

      const all = await store.getTrend(new Date('2026-11-30'), ALL);
      expect(all).toEqual([
        {
          day: '2026-12-01',
          entities: 3,
          levels: { gold: 1, silver: 1, bronze: 1, none: 0 },
          productionReadyShare: 2 / 3,
          meanScore: 80,
        },
        {
          // c was not evaluated on day 2, so day 2 counts a and b only.
          day: '2026-12-02',
          entities: 2,
          levels: { gold: 1, silver: 0, bronze: 1, none: 0 },
          productionReadyShare: 0.5,
          meanScore: 80,
        },
      ]);
      // A scope naming every entity adds the rows up to the same answer.
      const everyRef: EntityScope = {
        type: 'refs',
        refs: ['a', 'b', 'c'].map(name => `component:default/${name}`),
      };
      expect(await store.getTrend(new Date('2026-11-30'), everyRef)).toEqual(
        all,
      );

      await store.pruneHistory(new Date('2026-12-02T00:00:00Z'));
      expect(
        (await store.getTrend(new Date('2026-11-30'), ALL)).map(p => p.day),
      ).toEqual(['2026-12-02']);
    },
  );
});
