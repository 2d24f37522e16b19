import { TestDatabases } from '@backstage/backend-test-utils';
import {
  CampaignDefinition,
  CheckStatus,
  emptyStatusCounts,
  ReadinessReport,
} from '@prodready/backstage-plugin-readiness-common';
import { CampaignStore } from '../database/CampaignStore';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { applyDatabaseMigrations } from '../database/migrations';
import { ScorecardWrite } from '../database/ReadinessStore';
import { Campaigns } from './Campaigns';

jest.setTimeout(60_000);

/** A report of one entity whose workloads have these results. */
function report(
  workloads: Array<Record<string, CheckStatus>>,
  evaluatedAt: string,
): ReadinessReport {
  return {
    summary: {
      score: 50,
      level: 'bronze',
      productionReady: false,
      counts: emptyStatusCounts(),
    },
    workloads: workloads.map((results, index) => ({
      kind: 'Deployment',
      namespace: 'freight',
      name: `workload-${index}`,
      score: 50,
      level: 'bronze',
      results: Object.entries(results).map(([check, status]) => ({
        check,
        status,
        severity: 'high',
        message: `${check}: ${status}`,
      })),
    })),
    objects: [],
    evaluatedAt,
  };
}

interface EntitySpec {
  owner?: string;
  system?: string;
  kind?: string;
  lifecycle?: string;
  tags?: string[];
}

const ENTITIES: Record<string, EntitySpec> = {
  'component:default/tracking': {
    owner: 'group:default/team-a',
    system: 'system:default/freight',
    lifecycle: 'production',
    tags: ['java'],
  },
  'component:default/dispatch': {
    owner: 'group:default/team-a',
    system: 'system:default/freight',
    lifecycle: 'production',
  },
  'component:default/customs': {
    owner: 'group:default/team-b',
    system: 'system:default/freight',
    lifecycle: 'experimental',
    tags: ['legacy', 'java'],
  },
  'component:default/invoices': {
    owner: 'group:default/team-b',
    system: 'system:default/billing',
    lifecycle: 'production',
  },
  'resource:default/freight-db': {
    kind: 'Resource',
    owner: 'group:default/team-a',
    system: 'system:default/freight',
  },
};

function write(
  entityRef: string,
  workloads: Array<Record<string, CheckStatus>>,
  at: string,
): ScorecardWrite {
  const spec = ENTITIES[entityRef];
  return {
    entityRef,
    owner: spec.owner,
    system: spec.system,
    kind: spec.kind ?? 'Component',
    lifecycle: spec.lifecycle,
    tags: spec.tags,
    report: report(workloads, at),
  };
}

const FREIGHT_PDB: CampaignDefinition = {
  id: 'freight-pdb',
  title: 'Every freight service has a PodDisruptionBudget',
  checks: ['pdb'],
  target: { systems: ['system:default/freight'], kinds: ['component'] },
  startDate: '2026-11-16',
  dueDate: '2026-11-30',
  owner: 'group:default/platform',
};

describe('Campaigns', () => {
  const databases = TestDatabases.create();

  async function setUp(databaseId: any, configured = [FREIGHT_PDB]) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const clock = { now: new Date('2026-11-20T10:00:00.000Z') };
    const scorecards = new DatabaseReadinessStore(knex);
    const store = new CampaignStore(knex);
    const campaigns = new Campaigns({
      store,
      configured,
      checkIds: ['pdb', 'replicas', 'readiness-probe'],
      now: () => clock.now,
    });
    /** One evaluation cycle on the clock's day: scorecards, then progress. */
    const cycle = async (
      results: Record<string, Array<Record<string, CheckStatus>>>,
    ) => {
      const at = clock.now.toISOString();
      await scorecards.saveScorecards(
        Object.entries(results).map(([ref, workloads]) =>
          write(ref, workloads, at),
        ),
        clock.now,
      );
      await campaigns.recordProgress(clock.now);
    };
    return { clock, store, campaigns, cycle };
  }

  it.each(databases.eachSupportedId())(
    'counts passing, failing and exempt entities per owner and burns down over days, on %s',
    async databaseId => {
      const { clock, campaigns, cycle } = await setUp(databaseId);
      const everyone = {
        'component:default/tracking': [{ pdb: 'fail' as const }],
        'component:default/dispatch': [{ pdb: 'fail' as const }],
        // Exempt on one workload, passing on another: exempt.
        'component:default/customs': [
          { pdb: 'exempt' as const },
          { pdb: 'pass' as const },
        ],
        // Out of the target: another system, another kind.
        'component:default/invoices': [{ pdb: 'fail' as const }],
        'resource:default/freight-db': [{ pdb: 'fail' as const }],
      };
      await cycle(everyone);

      clock.now = new Date('2026-11-21T10:00:00.000Z');
      await cycle({
        ...everyone,
        // Fails on one workload though exempt on another: fails.
        'component:default/dispatch': [
          { pdb: 'exempt' as const },
          { pdb: 'fail' as const },
        ],
        'component:default/tracking': [{ pdb: 'pass' as const }],
      });
      // A second cycle on the same day replaces that day's point.
      await cycle({
        ...everyone,
        'component:default/tracking': [{ pdb: 'pass' as const }],
        'component:default/dispatch': [{ pdb: 'fail' as const }],
      });

      clock.now = new Date('2026-11-23T10:00:00.000Z');
      await cycle({
        ...everyone,
        'component:default/tracking': [{ pdb: 'pass' as const }],
        'component:default/dispatch': [{ pdb: 'pass' as const }],
      });

      const detail = await campaigns.detail('freight-pdb', { type: 'all' });
      expect(detail).toMatchObject({
        id: 'freight-pdb',
        origin: 'config',
        status: 'completed',
        progress: { inScope: 3, passing: 2, failing: 0, exempt: 1 },
      });
      expect(detail?.owners).toEqual([
        {
          owner: 'group:default/team-a',
          inScope: 2,
          passing: 2,
          failing: 0,
          exempt: 0,
        },
        {
          owner: 'group:default/team-b',
          inScope: 1,
          passing: 0,
          failing: 0,
          exempt: 1,
        },
      ]);
      expect(detail?.burndown).toEqual([
        { day: '2026-11-20', inScope: 3, passing: 0, failing: 2, exempt: 1 },
        { day: '2026-11-21', inScope: 3, passing: 1, failing: 1, exempt: 1 },
        { day: '2026-11-23', inScope: 3, passing: 2, failing: 0, exempt: 1 },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'forgets burndown points before the day history is kept from, also of campaigns no longer configured, on %s',
    async databaseId => {
      const { clock, campaigns, cycle, store } = await setUp(databaseId);
      const failing = {
        'component:default/dispatch': [{ pdb: 'fail' as const }],
      };
      for (const day of ['2026-11-20', '2026-11-21', '2026-11-23']) {
        clock.now = new Date(`${day}T10:00:00.000Z`);
        await cycle(failing);
      }
      // A campaign dropped from configuration left its points behind.
      const tally = { inScope: 1, passing: 0, failing: 1, exempt: 0 };
      await store.saveProgress('retired', '2026-11-17', tally);
      await store.saveProgress('retired', '2026-11-22', tally);

      // Late on the 21st: that day is kept, whatever the hour.
      await campaigns.pruneProgress(new Date('2026-11-21T23:30:00.000Z'));

      const days = async (id: string) =>
        (await store.burndown(id, '2026-01-01', '2027-01-01')).map(
          point => point.day,
        );
      expect(await days('freight-pdb')).toEqual(['2026-11-21', '2026-11-23']);
      expect(await days('retired')).toEqual(['2026-11-22']);
    },
  );

  it.each(databases.eachSupportedId())(
    'is scheduled before its start, running, then overdue after its due date, on %s',
    async databaseId => {
      const { clock, campaigns, cycle, store } = await setUp(databaseId);
      clock.now = new Date('2026-11-10T10:00:00.000Z');
      await cycle({ 'component:default/dispatch': [{ pdb: 'fail' }] });
      const status = async () =>
        (await campaigns.summaries({ type: 'all' }))[0].status;
      expect(await status()).toBe('scheduled');
      // No burndown before the start date.
      expect(
        await store.burndown('freight-pdb', '2026-01-01', '2027-01-01'),
      ).toEqual([]);

      clock.now = new Date('2026-11-30T23:00:00.000Z');
      expect(await status()).toBe('running');

      clock.now = new Date('2026-12-01T00:00:00.000Z');
      await cycle({ 'component:default/dispatch': [{ pdb: 'fail' }] });
      expect(await status()).toBe('overdue');
      const detail = await campaigns.detail('freight-pdb', { type: 'all' });
      // The burndown stops at the due date: no point is kept after it.
      expect(detail?.burndown).toEqual([]);
      expect(
        await campaigns.forEntity('component:default/dispatch', {
          type: 'all',
        }),
      ).toEqual([
        {
          campaign: expect.objectContaining({
            id: 'freight-pdb',
            status: 'overdue',
          }),
          failingChecks: ['pdb'],
        },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'filters on owners, systems, kinds, lifecycles and tags alike in counts and for one entity, on %s',
    async databaseId => {
      const { campaigns, cycle } = await setUp(databaseId, []);
      await cycle(
        Object.fromEntries(
          Object.keys(ENTITIES).map(ref => [ref, [{ pdb: 'fail' as const }]]),
        ),
      );
      const targets: Array<[CampaignDefinition['target'], string[]]> = [
        [
          { owners: ['group:default/team-b'] },
          ['component:default/customs', 'component:default/invoices'],
        ],
        [
          { systems: ['system:default/billing'] },
          ['component:default/invoices'],
        ],
        [{ kinds: ['RESOURCE'] }, ['resource:default/freight-db']],
        [{ lifecycles: ['experimental'] }, ['component:default/customs']],
        [
          { tags: ['java', 'go'] },
          ['component:default/tracking', 'component:default/customs'],
        ],
        [
          { tags: ['java'], lifecycles: ['production'] },
          ['component:default/tracking'],
        ],
        [{}, Object.keys(ENTITIES)],
      ];
      for (const [index, [target, expected]] of targets.entries()) {
        const id = `target-${index}`;
        await campaigns.save(id, {
          id,
          title: `Target ${index}`,
          checks: ['pdb'],
          target,
          startDate: '2026-11-01',
          dueDate: '2026-12-31',
        });
        const detail = await campaigns.detail(id, { type: 'all' });
        expect({ target, inScope: detail?.progress.inScope }).toEqual({
          target,
          inScope: expected.length,
        });
        // The entity's banner judges one entity by the same rules.
        for (const ref of Object.keys(ENTITIES)) {
          const inCampaign = (
            await campaigns.forEntity(ref, { type: 'all' })
          ).some(status => status.campaign.id === id);
          expect({ target, ref, inCampaign }).toEqual({
            target,
            ref,
            inCampaign: expected.includes(ref),
          });
        }
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'counts only the entities of the caller scope, with its status from every entity, on %s',
    async databaseId => {
      const { campaigns, cycle } = await setUp(databaseId);
      await cycle({
        'component:default/tracking': [{ pdb: 'pass' }],
        'component:default/dispatch': [{ pdb: 'fail' }],
      });
      const detail = await campaigns.detail('freight-pdb', {
        type: 'refs',
        refs: ['component:default/tracking'],
      });
      expect(detail).toMatchObject({
        status: 'running',
        progress: { inScope: 1, passing: 1, failing: 0, exempt: 0 },
        owners: [{ owner: 'group:default/team-a', inScope: 1 }],
        // The stored burndown counts every entity: today's point alone.
        burndown: [
          { day: '2026-11-20', inScope: 1, passing: 1, failing: 0, exempt: 0 },
        ],
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps configuration campaigns read-only and checks API bodies, on %s',
    async databaseId => {
      const { campaigns } = await setUp(databaseId);
      const body = {
        id: 'replicas-everywhere',
        title: 'Two replicas',
        checks: ['replicas'],
        target: { owners: ['team-a'] },
        startDate: '2026-11-01',
        dueDate: '2026-12-31',
      };
      await expect(
        campaigns.save('freight-pdb', { ...body, id: 'freight-pdb' }),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      await expect(campaigns.delete('freight-pdb')).rejects.toMatchObject({
        name: 'ConflictError',
      });
      await expect(campaigns.save('other-id', body)).rejects.toThrow(
        /must be the id in the path/,
      );
      await expect(
        campaigns.save(body.id, {
          ...body,
          checks: ['replicas', 'pdb-presnt'],
        }),
      ).rejects.toThrow(
        'Invalid campaign in the request body (replicas-everywhere): checks has unknown check id "pdb-presnt"',
      );
      await expect(
        campaigns.save(body.id, { ...body, dueDate: '2026-10-31' }),
      ).rejects.toThrow('dueDate 2026-10-31 is before startDate 2026-11-01');
      await expect(
        campaigns.save(body.id, { ...body, startDate: '2026-02-30' }),
      ).rejects.toThrow('startDate must be a date written as YYYY-MM-DD');

      const saved = await campaigns.save(body.id, body);
      expect(saved).toMatchObject({
        origin: 'api',
        // Refs are written out in full, as the store compares them.
        target: { owners: ['group:default/team-a'] },
      });
      expect((await campaigns.list()).map(c => c.definition.id)).toEqual([
        'freight-pdb',
        'replicas-everywhere',
      ]);
      await campaigns.delete(body.id);
      expect(await campaigns.get(body.id)).toBeUndefined();
      await expect(campaigns.delete(body.id)).rejects.toMatchObject({
        name: 'NotFoundError',
      });
    },
  );
});
