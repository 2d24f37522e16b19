/**
 * Owner notifications from real evaluations: two evaluators over one
 * database stand for two replicas, each with its own notifier, sending
 * through one recording notification service.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readBackendConfig } from '../config/backendConfig';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { applyDatabaseMigrations } from '../database/migrations';
import { ReadinessEvaluator } from '../evaluation/ReadinessEvaluator';
import { SourceSnapshots } from '../evaluation/SourceSnapshots';
import { DirectorySource } from '../sources/DirectorySource';
import { EntityManifestsReader } from '../sources/EntityManifestsReader';
import { NotificationLog } from './NotificationLog';
import { ReadinessNotifier } from './ReadinessNotifier';

jest.setTimeout(60_000);

const REF = 'component:default/shipments';
const ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-a' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'shipments',
      annotations: {
        'backstage.io/kubernetes-id': 'shipments',
        'prodready.dev/runbook': 'https://runbooks.example/shipments',
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  },
];

/**
 * A deployment: bronze (nothing critical fails), or none when broken (one
 * replica, no probes, may run as root).
 */
function deployment(options: { broken?: boolean; exemptUntil?: string }) {
  const annotations = options.exemptUntil
    ? `
  annotations:
    prodready.dev/exempt.pdb: One replica is drained at a time by hand
    prodready.dev/exempt-until.pdb: '${options.exemptUntil}'`
    : '';
  const probes = options.broken
    ? ''
    : `
          readinessProbe: { httpGet: { path: /ready, port: 8080 } }
          livenessProbe: { httpGet: { path: /healthz, port: 8080 } }`;
  const nonRoot = options.broken
    ? ''
    : `
      securityContext: { runAsNonRoot: true }`;
  return `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shipments
  namespace: shop${annotations}
spec:
  replicas: ${options.broken ? 1 : 3}
  selector: { matchLabels: { app: shipments } }
  template:
    metadata:
      labels: { app: shipments, backstage.io/kubernetes-id: shipments }
    spec:${nonRoot}
      containers:
        - name: app
          image: registry.example/shipments:1.0.0
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { cpu: 500m, memory: 256Mi }${probes}
`;
}

/** Backstage's notification service as a recorder that can be made to fail. */
class RecordingNotifications implements NotificationService {
  readonly sent: NotificationSendOptions[] = [];
  failures = 0;
  async send(options: NotificationSendOptions) {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('Failed to send notifications: HTTP 503');
    }
    this.sent.push(options);
  }
}

describe('owner notifications across replicas', () => {
  const databases = TestDatabases.create();
  let manifests: string;
  const now = new Date('2026-12-10T12:00:00Z');

  beforeEach(() => {
    manifests = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-notify-'));
  });
  afterEach(() => fs.rmSync(manifests, { recursive: true, force: true }));

  function writeManifest(options: Parameters<typeof deployment>[0]) {
    fs.writeFileSync(path.join(manifests, 'shop.yaml'), deployment(options));
  }

  async function replicas(databaseId: any, entities: Entity[] = ENTITIES) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const notifications = new RecordingNotifications();
    const config = new ConfigReader({
      readiness: {
        // The good deployment is bronze: production ready at this gate.
        gate: 'bronze',
        refresh: { minIntervalSeconds: 0 },
        notifications: { enabled: true },
      },
    });
    const settings = readBackendConfig(config);
    const replica = () => {
      const logger = mockServices.logger.mock();
      return new ReadinessEvaluator({
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        store: new DatabaseReadinessStore(knex),
        logger,
        config: settings,
        snapshots: new SourceSnapshots([
          new DirectorySource(
            { id: 'directory:shop', path: manifests, cluster: 'prod-eu' },
            1e6,
          ),
        ]),
        manifests: new EntityManifestsReader({
          urlReader: mockServices.urlReader.mock(),
          integrations: ScmIntegrations.fromConfig(config),
          maxFileBytes: 1e6,
        }),
        notifier: new ReadinessNotifier({
          notifications,
          log: new NotificationLog(knex),
          logger,
          settings: settings.notifications,
          gate: settings.engine.gate,
        }),
        now: () => now,
      });
    };
    return {
      first: replica(),
      second: replica(),
      notifications,
      store: new DatabaseReadinessStore(knex),
    };
  }

  it.each(databases.eachSupportedId())(
    'tells a drop once: not on the first evaluation, the next cycle, or another replica at once, on %s',
    async databaseId => {
      const { first, second, notifications, store } = await replicas(
        databaseId,
      );
      writeManifest({});
      await first.runCycle();
      const before = await store.getScorecard(REF);
      expect(before?.productionReady).toBe(true);
      expect(notifications.sent).toEqual([]);

      writeManifest({ broken: true });
      // A cycle on one replica and a refresh on the other, at once.
      await Promise.all([first.runCycle(), second.refresh(REF)]);
      const after = await store.getScorecard(REF);
      expect(after?.productionReady).toBe(false);
      expect(notifications.sent).toEqual([
        {
          recipients: { type: 'entity', entityRef: 'group:default/team-a' },
          payload: expect.objectContaining({
            title: 'shipments fell below the readiness gate (bronze)',
            description: expect.stringMatching(
              new RegExp(
                `^It dropped from ${before?.level} to ${after?.level}; the gate is bronze\\. \\d+ checks? newly fails?: .*liveness-probe`,
              ),
            ),
            link: '/catalog/default/component/shipments/readiness',
            severity: 'high',
            topic: 'readiness-level',
          }),
        },
      ]);

      await second.runCycle();
      await first.runCycle();
      expect(notifications.sent).toHaveLength(1);

      // Fixed again: the gate reached, told once.
      writeManifest({});
      await second.runCycle();
      await first.runCycle();
      expect(notifications.sent.map(sent => sent.payload.title)).toEqual([
        'shipments fell below the readiness gate (bronze)',
        'shipments reached the readiness gate (bronze)',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'warns of an ending exemption once, trying again after a failed send, on %s',
    async databaseId => {
      const { first, second, notifications } = await replicas(databaseId);
      writeManifest({ exemptUntil: '2026-12-14' });
      await first.runCycle();
      expect(notifications.sent).toEqual([]);

      notifications.failures = 1;
      await second.runCycle();
      expect(notifications.sent).toEqual([]);

      await first.runCycle();
      await second.runCycle();
      expect(notifications.sent.map(sent => sent.payload)).toEqual([
        expect.objectContaining({
          title: 'shipments: the exemption from pdb ends on 2026-12-14',
          topic: 'readiness-exemption',
        }),
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'tells drift from Git once: not on the first evaluation, the next cycle, or another replica at once, on %s',
    async databaseId => {
      // The entity's manifests in Git, next to its catalog file.
      const repository = fs.mkdtempSync(
        path.join(os.tmpdir(), 'readiness-git-'),
      );
      fs.mkdirSync(path.join(repository, 'deploy'));
      fs.writeFileSync(
        path.join(repository, 'deploy', 'shop.yaml'),
        deployment({}),
      );
      const [team, shipments] = ENTITIES;
      const inGit: Entity = {
        ...shipments,
        metadata: {
          ...shipments.metadata,
          annotations: {
            ...shipments.metadata.annotations,
            'backstage.io/managed-by-location': `file:${path.join(
              repository,
              'catalog-info.yaml',
            )}`,
            'prodready.dev/manifests': './deploy',
          },
        },
      };
      try {
        const { first, second, notifications, store } = await replicas(
          databaseId,
          [team, inGit],
        );
        writeManifest({});
        await first.runCycle();
        expect((await store.getScorecard(REF))?.drift).toEqual([]);
        expect(notifications.sent).toEqual([]);

        // Someone patches the image in the cluster.
        fs.writeFileSync(
          path.join(manifests, 'shop.yaml'),
          deployment({}).replace('shipments:1.0.0', 'shipments:1.0.1-hotfix'),
        );
        await Promise.all([first.runCycle(), second.refresh(REF)]);
        expect(notifications.sent).toEqual([
          {
            recipients: { type: 'entity', entityRef: 'group:default/team-a' },
            payload: {
              title: 'shipments drifted from Git',
              description:
                'live Deployment shipments container app runs registry.example/shipments:1.0.1-hotfix, ' +
                'Git says registry.example/shipments:1.0.0 (prod-eu).',
              link: '/catalog/default/component/shipments/readiness',
              severity: 'normal',
              topic: 'readiness-drift',
            },
          },
        ]);

        await second.runCycle();
        await first.runCycle();
        expect(notifications.sent).toHaveLength(1);
      } finally {
        fs.rmSync(repository, { recursive: true, force: true });
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'sends a transition two replicas see at the same moment once, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const notifications = new RecordingNotifications();
      const settings = readBackendConfig(
        new ConfigReader({ readiness: { notifications: { enabled: true } } }),
      );
      const notifier = () =>
        new ReadinessNotifier({
          notifications,
          log: new NotificationLog(knex),
          logger: mockServices.logger.mock(),
          settings: settings.notifications,
          gate: 'silver',
        });
      const write = {
        entityRef: REF,
        owner: 'group:default/team-a',
        report: {
          summary: {
            score: 40,
            level: 'bronze' as const,
            productionReady: false,
            counts: { pass: 0, fail: 0, skip: 0, exempt: 0, error: 0 },
          },
          workloads: [],
          objects: [],
          evaluatedAt: now.toISOString(),
        },
      };
      const previous = new Map([
        [
          REF,
          {
            level: 'silver' as const,
            productionReady: true,
            evaluatedAt: '2026-12-10T11:00:00.000Z',
            stale: false,
            failingChecks: [],
            driftedWorkloads: [],
          },
        ],
      ]);
      const sent = await Promise.all([
        notifier().notify([write], previous, now),
        notifier().notify([write], previous, now),
        notifier().notify([write], previous, now),
      ]);
      expect(sent.sort()).toEqual([0, 0, 1]);
      expect(notifications.sent).toHaveLength(1);
    },
  );
});
