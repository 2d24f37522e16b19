import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  CampaignDefinition,
  KubeObject,
  SourcedObject,
} from '@prodready/backstage-plugin-readiness-common';
import {
  WorkloadSource,
  WorkloadSourceSnapshot,
} from '@prodready/backstage-plugin-readiness-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readBackendConfig } from '../config/backendConfig';
import { Campaigns } from '../campaigns/Campaigns';
import { CampaignStore } from '../database/CampaignStore';
import { applyDatabaseMigrations } from '../database/migrations';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { TEAM_A } from '../__testUtils__/catalogEntities';
import { EntityManifestsReader } from '../sources/EntityManifestsReader';
import { ReadinessEvaluator } from './ReadinessEvaluator';
import { SourceSnapshots } from './SourceSnapshots';

jest.setTimeout(30_000);

/** A cluster whose contents and health the test controls. */
class ControlledSource implements WorkloadSource {
  objects: KubeObject[] = [];
  failure?: string;
  constructor(readonly id: string, readonly cluster: string) {}
  async read(): Promise<WorkloadSourceSnapshot> {
    if (this.failure) throw new Error(this.failure);
    return {
      objects: this.objects.map(
        (object): SourcedObject => ({ object, cluster: this.cluster }),
      ),
    };
  }
}

function deployment(
  name: string,
  options: { namespace?: string; replicas?: number; label?: string } = {},
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: options.namespace ?? 'apps',
      labels: { 'backstage.io/kubernetes-id': options.label ?? name },
    },
    spec: {
      replicas: options.replicas ?? 3,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image: `r.example/${name}:1` }] },
      },
    },
  };
}

function pdb(name: string, namespace = 'apps'): KubeObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace },
    spec: { maxUnavailable: 1, selector: { matchLabels: { app: name } } },
  };
}

/**
 * A service of team-a without the location annotations `serviceComponent`
 * gives: a relative manifests path must then have nothing to resolve
 * against (see "skips an entity it cannot score").
 */
function component(
  name: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: { 'backstage.io/kubernetes-id': name, ...annotations },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

function resultOf(report: any, workload: string, check: string) {
  return report.workloads
    .find((w: any) => w.name === workload)
    ?.results.find((r: any) => r.check === check)?.status;
}

describe('ReadinessEvaluator', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let now = new Date('2026-11-22T10:00:00Z');

  async function setUp(
    entities: Entity[],
    sources: WorkloadSource[],
    options: { readiness?: object; campaigns?: CampaignDefinition[] } = {},
  ) {
    const knex = await databases.init('SQLITE_3');
    await applyDatabaseMigrations(knex);
    const store = new DatabaseReadinessStore(knex);
    const campaignStore = new CampaignStore(knex);
    const config = new ConfigReader({ readiness: options.readiness ?? {} });
    const evaluator = new ReadinessEvaluator({
      catalog: catalogServiceMock({ entities: [TEAM_A, ...entities] }),
      auth: mockServices.auth(),
      store,
      logger: mockServices.logger.mock(),
      config: readBackendConfig(config),
      snapshots: new SourceSnapshots(sources),
      manifests: new EntityManifestsReader({
        urlReader: mockServices.urlReader.mock(),
        integrations: ScmIntegrations.fromConfig(config),
        maxFileBytes: 1024 * 1024,
      }),
      campaigns: new Campaigns({
        store: campaignStore,
        configured: options.campaigns ?? [],
        checkIds: ['pdb'],
        now: () => now,
      }),
      now: () => now,
    });
    return { store, campaignStore, evaluator };
  }

  it('finds workloads by kubernetes-id, namespace and cluster', async () => {
    const prod = new ControlledSource('cluster:prod', 'prod');
    const staging = new ControlledSource('cluster:staging', 'staging');
    prod.objects = [
      deployment('orders'),
      pdb('orders'),
      deployment('orders', { namespace: 'other' }),
      deployment('billing', { namespace: 'finance' }),
    ];
    staging.objects = [deployment('billing', { namespace: 'finance' })];
    const { store, evaluator } = await setUp(
      [
        component('orders', {
          'backstage.io/kubernetes-namespace': 'apps',
        }),
        component('billing', { 'backstage.io/kubernetes-cluster': 'staging' }),
      ],
      [prod, staging],
    );

    const summary = await evaluator.runCycle();
    expect(summary).toMatchObject({ entities: 2, written: 2, skipped: 0 });

    const orders = await store.getScorecard('component:default/orders');
    expect(
      orders!.report.workloads.map(w => [w.cluster, w.namespace, w.name]),
    ).toEqual([['prod', 'apps', 'orders']]);
    // The PDB in the same namespace was consulted.
    expect(resultOf(orders!.report, 'orders', 'pdb')).toBe('pass');

    const billing = await store.getScorecard('component:default/billing');
    expect(billing!.report.workloads.map(w => w.cluster)).toEqual(['staging']);
    expect(resultOf(billing!.report, 'billing', 'pdb')).toBe('fail');
  });

  it("keeps a failing cluster's last objects and marks the scorecard stale", async () => {
    const prod = new ControlledSource('cluster:prod', 'prod');
    const edge = new ControlledSource('cluster:edge', 'edge');
    prod.objects = [deployment('orders')];
    edge.objects = [deployment('orders', { namespace: 'edge-apps' })];
    const { store, evaluator } = await setUp(
      [component('orders')],
      [prod, edge],
    );
    await evaluator.runCycle();

    // Edge fails; prod changes. Prod's change lands, edge's workload stays.
    edge.failure = 'HTTP 503 Service Unavailable';
    prod.objects = [deployment('orders', { replicas: 1 })];
    now = new Date('2026-11-22T11:00:00Z');
    const summary = await evaluator.runCycle();
    expect(summary.failedSources).toEqual(['cluster:edge']);

    const orders = await store.getScorecard('component:default/orders');
    expect(orders!.stale).toBe(true);
    expect(orders!.staleReason).toContain(
      'cluster:edge: HTTP 503 Service Unavailable; using objects last read at',
    );
    expect(orders!.report.workloads.map(w => w.cluster).sort()).toEqual([
      'edge',
      'prod',
    ]);
    const prodOrders = orders!.report.workloads.find(w => w.cluster === 'prod');
    expect(prodOrders!.results.find(r => r.check === 'replicas')!.status).toBe(
      'fail',
    );

    // Recovery clears the stale mark.
    edge.failure = undefined;
    await evaluator.runCycle();
    expect((await store.getScorecard('component:default/orders'))!.stale).toBe(
      false,
    );
  });

  it('never replaces a stored scorecard with one missing a source read', async () => {
    const prod = new ControlledSource('cluster:prod', 'prod');
    prod.objects = [deployment('orders')];
    const first = await setUp([component('orders')], [prod]);
    await first.evaluator.runCycle();
    const before = await first.store.getScorecard('component:default/orders');

    // A restarted backend whose cluster is down from the start: it has no
    // objects of its own to use, so the stored scorecard stays, marked stale.
    const restarted = new ReadinessEvaluator({
      ...(first.evaluator as any).deps,
      snapshots: new SourceSnapshots([
        Object.assign(new ControlledSource('cluster:prod', 'prod'), {
          failure: 'connect ECONNREFUSED 10.0.0.1:443',
        }),
      ]),
    });
    const summary = await restarted.runCycle();
    expect(summary).toMatchObject({ written: 0, keptStale: 1 });
    const after = await first.store.getScorecard('component:default/orders');
    expect(after!.report).toEqual(before!.report);
    expect(after!.stale).toBe(true);
    expect(after!.staleReason).toContain('ECONNREFUSED');
  });

  it('scores manifests kept beside the entity file before they are applied', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-git-'));
    try {
      fs.mkdirSync(path.join(folder, 'deploy'));
      fs.writeFileSync(
        path.join(folder, 'deploy', 'web.yaml'),
        `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\n` +
          `spec:\n  replicas: 1\n  template:\n    spec:\n      containers: [{ name: web, image: 'r.example/web:1' }]\n`,
      );
      const entity: Entity = {
        ...component('web', {
          'prodready.dev/manifests': './deploy',
          'backstage.io/managed-by-location': `file:${path.join(
            folder,
            'catalog-info.yaml',
          )}`,
        }),
      };
      delete entity.metadata.annotations!['backstage.io/kubernetes-id'];
      const escaping = component('sneaky', {
        'prodready.dev/manifests': '../../etc',
        'backstage.io/managed-by-location': `file:${path.join(
          folder,
          'catalog-info.yaml',
        )}`,
      });
      const { store, evaluator } = await setUp([entity, escaping], []);
      const summary = await evaluator.runCycle();
      expect(summary).toMatchObject({ written: 2 });

      const web = await store.getScorecard('component:default/web');
      expect(web!.report.workloads.map(w => [w.name, w.file])).toEqual([
        ['web', 'web.yaml'],
      ]);
      expect(resultOf(web!.report, 'web', 'replicas')).toBe('fail');

      // A path leaving the entity's folder is refused, and said so.
      const sneaky = await store.getScorecard('component:default/sneaky');
      expect(sneaky!.stale).toBe(true);
      expect(sneaky!.staleReason).toMatch(
        /'..\/..\/etc' points outside .*the folder of the entity file/,
      );
      expect(sneaky!.report.workloads).toEqual([]);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('reads a kustomized folder without its patches and reports what it left out', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-git-'));
    try {
      const deploy = path.join(folder, 'deploy');
      fs.mkdirSync(deploy);
      fs.writeFileSync(
        path.join(deploy, 'kustomization.yaml'),
        'resources:\n  - web.yaml\n  - https://github.com/acme/platform//netpol?ref=v1\n' +
          'patches:\n  - path: replicas.yaml\n',
      );
      fs.writeFileSync(
        path.join(deploy, 'web.yaml'),
        `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\n` +
          `spec:\n  replicas: 1\n  template:\n    spec:\n      containers: [{ name: web, image: 'r.example/web:1' }]\n`,
      );
      fs.writeFileSync(
        path.join(deploy, 'replicas.yaml'),
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web-patch }\nspec: { replicas: 3 }\n',
      );
      const entity = component('web', {
        'prodready.dev/manifests': './deploy',
        'backstage.io/managed-by-location': `file:${path.join(
          folder,
          'catalog-info.yaml',
        )}`,
      });
      delete entity.metadata.annotations!['backstage.io/kubernetes-id'];
      const { store, evaluator } = await setUp([entity], []);
      await evaluator.runCycle();

      const web = await store.getScorecard('component:default/web');
      expect(web!.report.workloads.map(w => w.name)).toEqual(['web']);
      expect(web!.report.warnings).toEqual([
        "kustomization.yaml: remote resource 'https://github.com/acme/platform//netpol?ref=v1' " +
          `is not read; only files in ${deploy} are evaluated`,
      ]);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('skips an entity it cannot score and scores the rest', async () => {
    const prod = new ControlledSource('cluster:prod', 'prod');
    prod.objects = [deployment('orders')];
    const broken = component('broken', {
      'prodready.dev/manifests': 'relative/without/location',
    });
    const { store, evaluator } = await setUp(
      [broken, component('orders')],
      [prod],
    );
    const summary = await evaluator.runCycle();
    expect(summary.entities).toBe(2);
    expect(await store.getScorecard('component:default/orders')).toBeDefined();
    const scorecard = await store.getScorecard('component:default/broken');
    expect(scorecard?.staleReason).toContain(
      'neither a url nor a file location',
    );
  });

  it("records today's campaign progress and forgets points older than the history it keeps", async () => {
    const prod = new ControlledSource('cluster:prod', 'prod');
    prod.objects = [deployment('orders'), pdb('orders')];
    const campaign: CampaignDefinition = {
      id: 'pdbs',
      title: 'Every service has a PodDisruptionBudget',
      checks: ['pdb'],
      target: {},
      startDate: '2026-09-01',
      dueDate: '2026-12-31',
      owner: 'group:default/team-a',
    };
    const { campaignStore, evaluator } = await setUp(
      [component('orders')],
      [prod],
      { readiness: { history: { retentionDays: 30 } }, campaigns: [campaign] },
    );
    const tally = { inScope: 1, passing: 0, failing: 1, exempt: 0 };
    // 30 days before 2026-11-22T10:00Z is 2026-10-23: kept from that day on.
    await campaignStore.saveProgress('pdbs', '2026-10-22', tally);
    await campaignStore.saveProgress('pdbs', '2026-10-23', tally);

    await evaluator.runCycle();

    expect(
      await campaignStore.burndown('pdbs', '2026-01-01', '2027-01-01'),
    ).toEqual([
      { day: '2026-10-23', ...tally },
      { day: '2026-11-22', inScope: 1, passing: 1, failing: 0, exempt: 0 },
    ]);
  });
});
