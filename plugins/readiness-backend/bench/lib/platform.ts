/**
 * The cluster-snapshot row: what platform readiness adds to a cycle on a
 * large cluster (2,000 namespaces, 200 CRDs by default). The same cycle
 * (the plugin's ReadinessEvaluator over a real store in SQLite, a catalog
 * of Components, one fake API server over HTTPS) runs with the cluster read
 * for workloads only, and with the platform kinds read too and every
 * cluster scored with the platform checks; cycles alternate, and the
 * medians are compared.
 */
import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { KubeConfig } from '@kubernetes/client-node';
import {
  startFakeKubeApiServer,
  syntheticClusterObjects,
  syntheticPlatformObjects,
} from '@prodready/fake-kube-apiserver';
import knexFactory from 'knex';
import { readBackendConfig } from '../../src/config/backendConfig';
import { DatabaseReadinessStore } from '../../src/database/DatabaseReadinessStore';
import { applyDatabaseMigrations } from '../../src/database/migrations';
import { PlatformEvaluator } from '../../src/evaluation/PlatformEvaluator';
import {
  CycleSummary,
  ReadinessEvaluator,
} from '../../src/evaluation/ReadinessEvaluator';
import { SourceSnapshots } from '../../src/evaluation/SourceSnapshots';
import { ClusterWorkloadSource } from '../../src/sources/cluster';
import { EntityManifestsReader } from '../../src/sources/EntityManifestsReader';
import { KUBERNETES_ID } from './catalog';
import { fmt, print, table } from './output';

export interface PlatformRowOptions {
  namespaces: number;
  crds: number;
  workloads: number;
  /** Cycles per mode, after one warm-up cycle of each. */
  runs: number;
}

export interface PlatformRowFigures {
  options: PlatformRowOptions;
  objects: number;
  entities: number;
  without: number[];
  withPlatform: number[];
  /** Reading the cluster (and building the snapshot), per mode. */
  sourcesWithout: number[];
  sourcesWith: number[];
  /** Platform evaluation and writes alone, in the cycles with it. */
  platformMs: number[];
  platformScore?: number;
}

const WORKLOADS_PER_ENTITY = 5;

/** Logs nothing: the bench runs outside jest, where the mocks need it. */
const quietLogger: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child() {
    return quietLogger;
  },
};

/** No Component names a manifest file, so nothing is ever read. */
const noUrlReader = {} as UrlReaderService;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

function component(index: number): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `platform-app-${index}`,
      annotations: { [KUBERNETES_ID]: `platform-app-${index}` },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

export async function runPlatformRow(
  options: PlatformRowOptions,
): Promise<PlatformRowFigures> {
  const objects = [
    ...syntheticClusterObjects({
      workloads: options.workloads,
      namespaces: options.namespaces,
      podsPerWorkload: 1,
      customResources: true,
    }),
    ...syntheticPlatformObjects({
      namespaces: options.namespaces,
      crds: options.crds,
      nodes: 6,
    }),
  ];
  const entities = Math.ceil(options.workloads / WORKLOADS_PER_ENTITY);
  for (const object of objects) {
    if (object.kind !== 'Deployment' && object.kind !== 'StatefulSet') {
      continue;
    }
    const index = Number(object.metadata.name.slice('app-'.length));
    object.metadata.labels![KUBERNETES_ID] = `platform-app-${Math.floor(
      index / WORKLOADS_PER_ENTITY,
    )}`;
  }
  const server = await startFakeKubeApiServer({
    crds: 'all',
    version: 'v1.33.4',
    objects,
  });
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  try {
    await applyDatabaseMigrations(knex);
    const store = new DatabaseReadinessStore(knex);
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromClusterAndUser(
      {
        name: 'big',
        server: server.url,
        caData: server.caData,
        skipTLSVerify: false,
      },
      { name: 'reader', token: server.token },
    );
    const config = new ConfigReader({});
    const settings = readBackendConfig(config);
    const logger = quietLogger;
    const catalog = catalogServiceMock({
      entities: Array.from({ length: entities }, (_, i) => component(i)),
    });
    const auth = mockServices.auth();
    const evaluatorFor = (platform: boolean) => {
      const source = new ClusterWorkloadSource({
        target: { name: 'big', configKey: 'bench', kubeConfig },
        pageSize: 500,
        concurrency: 6,
        requestTimeoutMs: 30_000,
        retries: 0,
        platform,
      });
      return new ReadinessEvaluator({
        catalog,
        auth,
        store,
        logger,
        config: settings,
        snapshots: new SourceSnapshots([source]),
        manifests: new EntityManifestsReader({
          urlReader: noUrlReader,
          integrations: ScmIntegrations.fromConfig(config),
          maxFileBytes: settings.maxManifestBytes,
        }),
        platform: platform
          ? new PlatformEvaluator({
              catalog,
              auth,
              store,
              logger,
              config: settings.engine,
            })
          : undefined,
      });
    };
    const without = evaluatorFor(false);
    const withPlatform = evaluatorFor(true);
    const timed = async (evaluator: ReadinessEvaluator) => {
      const started = performance.now();
      const summary: CycleSummary = await evaluator.runCycle();
      return { ms: performance.now() - started, summary };
    };

    // Warm-up: the first cycle writes every scorecard anew.
    await timed(without);
    await timed(withPlatform);
    const figures: PlatformRowFigures = {
      options,
      objects: objects.length,
      entities,
      without: [],
      withPlatform: [],
      sourcesWithout: [],
      sourcesWith: [],
      platformMs: [],
    };
    for (let run = 0; run < options.runs; run++) {
      const plain = await timed(without);
      figures.without.push(plain.ms);
      figures.sourcesWithout.push(plain.summary.timings.sourcesMs);
      const cycle = await timed(withPlatform);
      figures.withPlatform.push(cycle.ms);
      figures.sourcesWith.push(cycle.summary.timings.sourcesMs);
      figures.platformMs.push(cycle.summary.timings.platformMs);
      if (cycle.summary.platform?.evaluated !== 1) {
        throw new Error(
          `The cluster was not scored: ${JSON.stringify(
            cycle.summary.platform,
          )}`,
        );
      }
    }
    figures.platformScore = (await store.getPlatformScorecard('big'))?.score;
    return figures;
  } finally {
    await knex.destroy();
    await server.close();
  }
}

export function printPlatformRow(figures: PlatformRowFigures) {
  const { options } = figures;
  const without = median(figures.without);
  const withPlatform = median(figures.withPlatform);
  const added = ((withPlatform - without) / without) * 100;
  const list = (values: number[]) =>
    values.map(value => fmt(Math.round(value))).join(' / ');
  print();
  print(
    `## Cluster snapshot: ${fmt(options.namespaces)} namespaces, ${fmt(
      options.crds,
    )} CRDs, ${fmt(options.workloads)} workloads (${fmt(
      figures.objects,
    )} objects), ${fmt(figures.entities)} Components`,
  );
  print();
  table(
    ['cycle', `runs (ms)`, 'median'],
    [
      [
        'workloads only',
        list(figures.without),
        `${fmt(Math.round(without))} ms`,
      ],
      [
        'with platform read and evaluation',
        list(figures.withPlatform),
        `${fmt(Math.round(withPlatform))} ms`,
      ],
      [
        'workloads only: of which reading the cluster',
        list(figures.sourcesWithout),
        `${fmt(Math.round(median(figures.sourcesWithout)))} ms`,
      ],
      [
        'with platform: of which reading the cluster and the snapshot',
        list(figures.sourcesWith),
        `${fmt(Math.round(median(figures.sourcesWith)))} ms`,
      ],
      [
        'with platform: of which platform evaluation and write',
        list(figures.platformMs),
        `${fmt(Math.round(median(figures.platformMs)))} ms`,
      ],
    ],
  );
  print();
  print(
    `Platform readiness adds ${added.toFixed(1)} % to the cycle (goal: at ` +
      `most 10 %): ${added <= 10 ? 'met' : 'missed'}. Platform score of the ` +
      `synthetic cluster: ${figures.platformScore ?? 'none'}. Cycles of the ` +
      'two kinds alternate, after one warm-up cycle each; SQLite in memory, ' +
      'one fake API server over HTTPS in the same process (its serving ' +
      'counts in the cycle), page size 500.',
  );
}
