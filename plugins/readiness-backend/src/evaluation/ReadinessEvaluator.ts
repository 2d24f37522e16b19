/**
 * The evaluation cycle: read every source once, page through the catalog
 * with the plugin's own credentials, score each entity, and store the
 * scorecards in batches. One bad entity is logged and skipped; a failing
 * source or an unreachable catalog never erases earlier results.
 */
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  CATALOG_FILTER_EXISTS,
  EntityFilterQuery,
} from '@backstage/catalog-client';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_MANIFESTS,
} from '@prodready/backstage-plugin-readiness-common';
import { ReadinessBackendConfig } from '../config/backendConfig';
import { ReadinessStore, ScorecardWrite } from '../database/ReadinessStore';
import { EntityManifestsReader } from '../sources/EntityManifestsReader';
import { EntityManifests, scoreEntity } from './scoreEntity';
import { SourceSnapshots } from './SourceSnapshots';

/** What one cycle did, for logs and the benchmark. */
export interface CycleSummary {
  entities: number;
  written: number;
  keptStale: number;
  skipped: number;
  failedSources: string[];
  timings: {
    sourcesMs: number;
    catalogMs: number;
    scoringMs: number;
    writeMs: number;
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;
// A refresh reuses source reads younger than this instead of listing
// every cluster again for one entity.
const REFRESH_SNAPSHOT_MAX_AGE_MS = 60_000;

function normalizedRef(
  ref: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  if (typeof ref !== 'string' || !ref.trim()) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(ref.trim(), { defaultKind, defaultNamespace }),
    );
  } catch {
    return undefined;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ReadinessEvaluator {
  // Last good manifests per location, used while Git is unreachable.
  private readonly lastManifests = new Map<string, EntityManifests>();

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      store: ReadinessStore;
      logger: LoggerService;
      config: ReadinessBackendConfig;
      snapshots: SourceSnapshots;
      manifests: EntityManifestsReader;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** Entities the plugin scores: configured kinds, and anything mapped to Kubernetes. */
  private entityFilter(): EntityFilterQuery {
    return [
      { kind: this.deps.config.entityKinds },
      {
        [`metadata.annotations.${ANNOTATION_KUBERNETES_ID}`]:
          CATALOG_FILTER_EXISTS,
      },
      {
        [`metadata.annotations.${ANNOTATION_KUBERNETES_LABEL_SELECTOR}`]:
          CATALOG_FILTER_EXISTS,
      },
      {
        [`metadata.annotations.${ANNOTATION_MANIFESTS}`]: CATALOG_FILTER_EXISTS,
      },
    ];
  }

  /** Runs one full cycle over every source and every scored entity. */
  async runCycle(
    options: { signal?: AbortSignal } = {},
  ): Promise<CycleSummary> {
    const { store, logger, config } = this.deps;
    const now = this.now();

    let started = Date.now();
    const runs = await this.deps.snapshots.readAll(options);
    await store.recordSourceRuns(runs);
    const failedSources = runs.filter(run => run.errors.length > 0);
    for (const run of failedSources) {
      logger.warn(`Readiness source ${run.source} failed: ${run.errors[0]}`);
    }
    const sourcesMs = Date.now() - started;

    started = Date.now();
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    // An unreachable catalog throws here, before anything is written.
    for await (const page of this.deps.catalog.streamEntities(
      { filter: this.entityFilter(), pageSize: 500 },
      { credentials },
    )) {
      entities.push(...page);
    }
    const owners = await this.existingOwners(entities);
    const catalogMs = Date.now() - started;

    started = Date.now();
    const writes: ScorecardWrite[] = [];
    const staleOnly = new Map<string, string>();
    let skipped = 0;
    for (const entity of entities) {
      let ref = '(unnamed entity)';
      try {
        ref = stringifyEntityRef(entity);
        const outcome = await this.scoreOne(entity, now, owners);
        if (outcome.type === 'write') writes.push(outcome.write);
        else staleOnly.set(ref, outcome.reason);
      } catch (error) {
        skipped++;
        logger.warn(`Readiness skipped ${ref}: ${messageOf(error)}`);
      }
    }
    const scoringMs = Date.now() - started;

    started = Date.now();
    await store.saveScorecards(writes, now);
    await store.markStale(staleOnly);
    // Entities gone from the catalog lose their scorecard; the catalog
    // listing above completed, so this set is whole.
    // An empty answer is more likely a catalog still starting than a
    // catalog emptied on purpose: keep everything then.
    if (entities.length > 0) {
      const current = new Set(
        entities.map(entity => stringifyEntityRef(entity)),
      );
      const stored = await store.listEntityRefs();
      await store.deleteScorecards(stored.filter(ref => !current.has(ref)));
    }
    await store.pruneHistory(
      new Date(now.getTime() - config.historyRetentionDays * DAY_MS),
    );
    const writeMs = Date.now() - started;

    const summary: CycleSummary = {
      entities: entities.length,
      written: writes.length,
      keptStale: staleOnly.size,
      skipped,
      failedSources: failedSources.map(run => run.source),
      timings: { sourcesMs, catalogMs, scoringMs, writeMs },
    };
    logger.info(
      `Readiness cycle: ${summary.entities} entities, ${summary.written} scored, ` +
        `${summary.keptStale} kept stale, ${summary.skipped} skipped, ` +
        `${summary.failedSources.length} failed sources; ` +
        `sources ${sourcesMs} ms, catalog ${catalogMs} ms, ` +
        `scoring ${scoringMs} ms, writes ${writeMs} ms`,
      { ...summary.timings, entities: summary.entities },
    );
    return summary;
  }

  /** Re-evaluates one entity now, reusing source reads younger than a minute. */
  async refresh(entityRef: string): Promise<void> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    await this.deps.snapshots.readIfOlderThan(REFRESH_SNAPSHOT_MAX_AGE_MS);
    const now = this.now();
    const owners = await this.existingOwners([entity]);
    const outcome = await this.scoreOne(entity, now, owners);
    if (outcome.type === 'write') {
      await this.deps.store.saveScorecards([outcome.write], now);
    } else {
      await this.deps.store.markStale(
        new Map([[stringifyEntityRef(entity), outcome.reason]]),
      );
    }
  }

  private async scoreOne(
    entity: Entity,
    now: Date,
    owners: Set<string>,
  ): Promise<
    { type: 'write'; write: ScorecardWrite } | { type: 'stale'; reason: string }
  > {
    const ref = stringifyEntityRef(entity);
    const namespace = entity.metadata.namespace ?? 'default';
    const owner = normalizedRef(entity.spec?.owner, 'group', namespace);
    const system = normalizedRef(entity.spec?.system, 'system', namespace);

    const score = scoreEntity(entity, {
      sources: this.deps.snapshots.list(),
      manifests: await this.readManifests(entity),
      engine: this.deps.config.engine,
      now,
      ownerExists: owner ? owners.has(owner) : undefined,
    });
    const staleReason = score.staleReasons.join('; ') || undefined;

    // A source the entity needs was never read: keep the stored scorecard
    // rather than replace it with one that lacks those workloads.
    if (!score.complete && (await this.deps.store.getScorecard(ref))) {
      return {
        type: 'stale',
        reason: staleReason ?? 'a source could not be read',
      };
    }
    return {
      type: 'write',
      write: {
        entityRef: ref,
        title: entity.metadata.title ?? entity.metadata.name,
        owner,
        system,
        report: score.report,
        staleReason,
      },
    };
  }

  private async readManifests(
    entity: Entity,
  ): Promise<EntityManifests | undefined> {
    if (!entity.metadata.annotations?.[ANNOTATION_MANIFESTS]) return undefined;
    const key = stringifyEntityRef(entity);
    try {
      const read = await this.deps.manifests.read(entity);
      if (!read) return undefined;
      this.lastManifests.set(key, read);
      return read;
    } catch (error) {
      const last = this.lastManifests.get(key);
      const sourceId = last?.sourceId ?? `manifests:${key}`;
      return last?.objects
        ? { sourceId, objects: last.objects, error: messageOf(error) }
        : { sourceId, error: messageOf(error) };
    }
  }

  /** The owner refs of these entities that exist in the catalog. */
  private async existingOwners(entities: Entity[]): Promise<Set<string>> {
    const refs = new Set<string>();
    for (const entity of entities) {
      const owner = normalizedRef(
        entity.spec?.owner,
        'group',
        entity.metadata.namespace ?? 'default',
      );
      if (owner) refs.add(owner);
    }
    if (refs.size === 0) return new Set();
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      {
        entityRefs: [...refs],
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    return new Set(
      items.flatMap(item => (item ? [stringifyEntityRef(item)] : [])),
    );
  }
}
