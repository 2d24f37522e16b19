import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import {
  CampaignDefinition,
  emptyStatusCounts,
} from '@prodready/backstage-plugin-readiness-common';
import { CampaignStore } from '../database/CampaignStore';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { applyDatabaseMigrations } from '../database/migrations';
import { NotificationLog } from '../notifications/NotificationLog';
import { CampaignNotifier } from './CampaignNotifier';
import { Campaigns } from './Campaigns';

jest.setTimeout(60_000);

const CAMPAIGN: CampaignDefinition = {
  id: 'freight-pdb',
  title: 'Every freight service has a PodDisruptionBudget',
  checks: ['pdb'],
  target: { systems: ['system:default/freight'] },
  // A Monday, so the first reminder is on the Monday after.
  startDate: '2026-11-16',
  dueDate: '2026-11-30',
  owner: 'group:default/platform',
};

/** Records what would have been sent; can be told to fail. */
class RecordingNotifications implements NotificationService {
  sent: NotificationSendOptions[] = [];
  failing = false;
  async send(options: NotificationSendOptions) {
    if (this.failing) throw new Error('notifications backend unavailable');
    this.sent.push(options);
  }
}

describe('CampaignNotifier', () => {
  const databases = TestDatabases.create();

  async function setUp(databaseId: any, enabled = true) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const scorecards = new DatabaseReadinessStore(knex);
    const store = new CampaignStore(knex);
    const clock = { now: new Date('2026-11-16T09:00:00.000Z') };
    const campaigns = new Campaigns({
      store,
      configured: [CAMPAIGN],
      checkIds: ['pdb'],
      now: () => clock.now,
    });
    const notifications = new RecordingNotifications();
    // Two notifiers over one database: two replicas.
    const notifiers = [0, 1].map(
      () =>
        new CampaignNotifier({
          campaigns,
          store,
          log: new NotificationLog(knex),
          notifications,
          logger: mockServices.logger.mock(),
          enabled,
        }),
    );
    const entity = (name: string, owner: string, pdb: 'pass' | 'fail') => ({
      entityRef: `component:default/${name}`,
      owner,
      system: 'system:default/freight',
      kind: 'Component',
      report: {
        summary: {
          score: 50,
          level: 'bronze' as const,
          productionReady: false,
          counts: emptyStatusCounts(),
        },
        workloads: [
          {
            kind: 'Deployment',
            namespace: 'freight',
            name,
            score: 50,
            level: 'bronze' as const,
            results: [
              {
                check: 'pdb',
                status: pdb,
                severity: 'high' as const,
                message: pdb,
              },
            ],
          },
        ],
        objects: [],
        evaluatedAt: clock.now.toISOString(),
      },
    });
    await scorecards.saveScorecards(
      [
        entity('tracking', 'group:default/team-a', 'pass'),
        entity('dispatch', 'group:default/team-b', 'fail'),
      ],
      clock.now,
    );
    /** A scheduled cycle's notifications, on both replicas at once. */
    const runEverywhere = () =>
      Promise.all(notifiers.map(notifier => notifier.run(clock.now)));
    // Sorted: the replicas run at once, so which sends first is a race;
    // what matters is that each notification goes out once.
    const sentKeys = () =>
      notifications.sent
        .map(
          ({ payload, recipients }) =>
            `${payload.title} -> ${[
              (recipients as { entityRef: string[] }).entityRef,
            ].join(',')}`,
        )
        .sort();
    /** The payload of the one notification sent with a title starting so. */
    const sentTitled = (start: string) => {
      const found = notifications.sent.filter(({ payload }) =>
        payload.title.startsWith(start),
      );
      expect(found).toHaveLength(1);
      return found[0].payload;
    };
    return { clock, notifications, runEverywhere, sentKeys, sentTitled };
  }

  it.each(databases.eachSupportedId())(
    'sends each campaign notification once across cycles and replicas, on %s',
    async databaseId => {
      const { clock, notifications, runEverywhere, sentKeys, sentTitled } =
        await setUp(databaseId);
      await runEverywhere();
      await runEverywhere();
      expect(sentKeys()).toEqual([
        'Campaign running: Every freight service has a PodDisruptionBudget -> group:default/platform',
        'Campaign started: Every freight service has a PodDisruptionBudget -> group:default/team-a,group:default/team-b',
      ]);
      expect(sentTitled('Campaign started')).toMatchObject({
        topic: 'readiness-campaign',
        link: '/readiness/campaigns?campaign=freight-pdb',
      });

      // Later the same week: nothing new.
      clock.now = new Date('2026-11-20T09:00:00.000Z');
      await runEverywhere();
      expect(notifications.sent).toHaveLength(2);

      // The next week: a reminder to the owner still failing, and a summary.
      notifications.sent = [];
      clock.now = new Date('2026-11-23T09:00:00.000Z');
      await runEverywhere();
      await runEverywhere();
      expect(sentKeys()).toEqual([
        'Campaign running: Every freight service has a PodDisruptionBudget -> group:default/platform',
        'Reminder: Every freight service has a PodDisruptionBudget -> group:default/team-b',
      ]);

      // The due date: the due notice to the owner still failing.
      notifications.sent = [];
      clock.now = new Date('2026-11-30T09:00:00.000Z');
      await runEverywhere();
      await runEverywhere();
      expect(sentKeys()).toEqual([
        'Campaign due: Every freight service has a PodDisruptionBudget -> group:default/team-b',
        'Campaign running: Every freight service has a PodDisruptionBudget -> group:default/platform',
        'Reminder: Every freight service has a PodDisruptionBudget -> group:default/team-b',
      ]);
      expect(sentTitled('Campaign due').severity).toBe('high');
    },
  );

  it.each(databases.eachSupportedId())(
    'tries again next cycle when sending failed, and sends nothing when disabled, on %s',
    async databaseId => {
      const { notifications, runEverywhere } = await setUp(databaseId);
      notifications.failing = true;
      await runEverywhere();
      notifications.failing = false;
      await runEverywhere();
      expect(notifications.sent.map(n => n.payload.title)).toEqual([
        'Campaign started: Every freight service has a PodDisruptionBudget',
        'Campaign running: Every freight service has a PodDisruptionBudget',
      ]);

      const disabled = await setUp(databaseId, false);
      await disabled.runEverywhere();
      expect(disabled.notifications.sent).toEqual([]);
    },
  );
});
