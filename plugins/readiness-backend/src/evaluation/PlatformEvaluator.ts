/**
 * The platform side of a cycle: each cluster read in this cycle is scored
 * with the platform checks and stored; a cluster whose read failed keeps
 * its last platform scorecard, marked stale with the reason.
 */
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CLUSTER_RESOURCE_TYPE,
  clusterNameOfEntity,
  evaluatePlatform,
  ReadinessConfig,
  ReadinessLevel,
  ReadinessReport,
  SYSTEM_NAMESPACES,
} from '@prodready/backstage-plugin-readiness-common';
import { WorkloadSource } from '@prodready/backstage-plugin-readiness-node';
import { ReadinessStore } from '../database/ReadinessStore';
import { PlatformRead } from '../sources/cluster';

/** A source that also reads what platform checks need. */
export interface PlatformReader {
  readonly cluster: string;
  takePlatformRead(): PlatformRead | undefined;
}

/** Whether a workload source reads platform snapshots too. */
export function isPlatformReader(
  source: WorkloadSource,
): source is WorkloadSource & PlatformReader {
  const candidate = source as Partial<PlatformReader>;
  return (
    typeof candidate.cluster === 'string' &&
    typeof candidate.takePlatformRead === 'function'
  );
}

/** What the platform side of one cycle did. */
export interface PlatformCycleSummary {
  evaluated: number;
  keptStale: number;
  skipped: number;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The levels of each cluster's application workloads, from the reports this
 * cycle computed anyway: each workload once, however many entities it
 * belongs to. Workloads no catalog entity claims are not among them.
 */
export function workloadLevelsByCluster(
  reports: readonly ReadinessReport[],
  config: ReadinessConfig,
): Map<string, ReadinessLevel[]> {
  const system = new Set([
    ...SYSTEM_NAMESPACES,
    ...(config.platform?.systemNamespaces ?? []),
  ]);
  const seen = new Map<string, Map<string, ReadinessLevel>>();
  for (const report of reports) {
    for (const workload of report.workloads) {
      if (!workload.cluster || system.has(workload.namespace ?? '')) continue;
      let levels = seen.get(workload.cluster);
      if (!levels) {
        levels = new Map();
        seen.set(workload.cluster, levels);
      }
      levels.set(
        `${workload.kind}/${workload.namespace ?? ''}/${workload.name}`,
        workload.level,
      );
    }
  }
  return new Map(
    [...seen].map(([cluster, levels]) => [cluster, [...levels.values()]]),
  );
}

export class PlatformEvaluator {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      store: ReadinessStore;
      logger: LoggerService;
      config: ReadinessConfig;
    },
  ) {}

  /** The catalog's cluster entities, by the cluster name each stands for. */
  async clusterEntities(): Promise<Map<string, Entity>> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: { kind: 'Resource', 'spec.type': CLUSTER_RESOURCE_TYPE },
        fields: ['kind', 'metadata', 'spec.type'],
      },
      { credentials },
    );
    const byCluster = new Map<string, Entity>();
    // Sorted, so two entities naming one cluster resolve the same way on every replica.
    const sorted = [...items].sort((a, b) =>
      stringifyEntityRef(a).localeCompare(stringifyEntityRef(b)),
    );
    for (const entity of sorted) {
      const cluster = clusterNameOfEntity(entity);
      if (cluster && !byCluster.has(cluster)) byCluster.set(cluster, entity);
    }
    return byCluster;
  }

  /**
   * Scores every cluster these sources read in this cycle. `reports` are
   * the cycle's entity reports, for the levels of each cluster's workloads.
   */
  async run(
    sources: readonly WorkloadSource[],
    reports: readonly ReadinessReport[],
    now: Date,
  ): Promise<PlatformCycleSummary> {
    const { store, logger, config } = this.deps;
    const summary: PlatformCycleSummary = {
      evaluated: 0,
      keptStale: 0,
      skipped: 0,
    };
    const readers = sources.filter(isPlatformReader);
    if (readers.length === 0) return summary;
    const reads = readers.map(reader => ({
      cluster: reader.cluster,
      read: reader.takePlatformRead(),
    }));

    let entities: Map<string, Entity>;
    try {
      entities = await this.clusterEntities();
    } catch (error) {
      // Scoring without the entities would unlink scorecards from them and
      // change who may see them: keep the stored ones this time.
      logger.warn(
        `Readiness could not list the catalog's cluster entities; platform scorecards are left as they are: ${messageOf(
          error,
        )}`,
      );
      summary.skipped = reads.length;
      return summary;
    }
    const levels = workloadLevelsByCluster(reports, config);

    for (const { cluster, read } of reads) {
      if (!read) continue;
      try {
        if (!read.ok) {
          await store.markPlatformStale(
            cluster,
            `Cluster ${cluster} could not be read at ${read.failedAt}: ${read.error}. ` +
              'These are the results of the last successful read.',
          );
          summary.keptStale++;
          continue;
        }
        const entity = entities.get(cluster);
        const clusterLevels = levels.get(cluster);
        const report = evaluatePlatform({
          snapshot: read.snapshot,
          config,
          now,
          // Without any scored workload the engine evaluates the
          // snapshot's application workloads itself.
          workloadLevels: clusterLevels?.length ? clusterLevels : undefined,
          entity,
        });
        await store.savePlatformScorecard(
          {
            cluster,
            entityRef: entity ? stringifyEntityRef(entity) : undefined,
            title: entity?.metadata.title,
            report,
          },
          now,
        );
        summary.evaluated++;
      } catch (error) {
        summary.skipped++;
        logger.warn(
          `Readiness skipped the platform scorecard of cluster ${cluster}: ${messageOf(
            error,
          )}`,
        );
      }
    }

    // Clusters no longer configured lose their scorecard.
    const configured = new Set(readers.map(reader => reader.cluster));
    const stored = await store.listPlatformClusters();
    await store.deletePlatformScorecards(
      stored.filter(name => !configured.has(name)),
    );
    return summary;
  }
}
