/**
 * The evaluation cycle: read every source once, page through the catalog
 * with the plugin's own credentials, score each entity, and store the
 * scorecards in batches. One bad entity is logged and skipped; a failing
 * source or an unreachable catalog never erases earlier results.
 *
 * A refresh evaluates one entity inside a request: it reads only that
 * entity's part of its sources, at most once per entity within the
 * configured interval (judged by the stored scorecard, so it holds across
 * replicas).
 */
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_MANIFESTS } from '@prodready/backstage-plugin-readiness-common';
import { ReadinessBackendConfig } from '../config/backendConfig';
import type { Campaigns } from '../campaigns/Campaigns';
import {
  PreviousScorecard,
  ReadinessStore,
  ScorecardWrite,
} from '../database/ReadinessStore';
import { ReadinessNotifier } from '../notifications/ReadinessNotifier';
import { TooManyRequestsError } from '../service/httpErrors';
import { EntityManifestsReader } from '../sources/EntityManifestsReader';
import {
  isScoredEntity,
  notScoredReason,
  scoredEntitiesFilter,
} from './scoredEntities';
import { PlatformCycleSummary, PlatformEvaluator } from './PlatformEvaluator';
import { EntityManifests, scoreEntity, sourcesForEntity } from './scoreEntity';
import { SourceSnapshots, SourceState } from './SourceSnapshots';
import { workloadScopeOf } from './workloadScope';

/** What one cycle did, for logs and the benchmark. */
export interface CycleSummary {
  entities: number;
  written: number;
  keptStale: number;
  skipped: number;
  failedSources: string[];
  /** Platform scorecards; absent when no source reads clusters' platforms. */
  platform?: PlatformCycleSummary;
  timings: {
    sourcesMs: number;
    catalogMs: number;
    scoringMs: number;
    writeMs: number;
    /** Platform evaluation and its writes. */
    platformMs: number;
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

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

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ReadinessEvaluator {
  // Last good manifests per location, used while Git is unreachable.
  private readonly lastManifests = new Map<string, EntityManifests>();
  // Refreshes under way on this replica, by entity ref: callers asking for
  // the same entity at once share one evaluation.
  private readonly refreshing = new Map<string, Promise<void>>();

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      store: ReadinessStore;
      logger: LoggerService;
      config: ReadinessBackendConfig;
      snapshots: SourceSnapshots;
      manifests: EntityManifestsReader;
      /** Scores the platform of the clusters read in each cycle. */
      platform?: PlatformEvaluator;
      /**
       * Takes today's campaign progress after scorecards are written, and
       * forgets progress older than the history kept.
       */
      campaigns?: Pick<Campaigns, 'recordProgress' | 'pruneProgress'>;
      /** Tells owners what changed; absent when notifications are off. */
      notifier?: Pick<ReadinessNotifier, 'notify' | 'prune'>;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
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
      { filter: scoredEntitiesFilter(config.entityKinds), pageSize: 500 },
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
        const outcome = await this.scoreOne(
          entity,
          now,
          owners,
          this.deps.snapshots.list(),
        );
        if (outcome.type === 'write') writes.push(outcome.write);
        else staleOnly.set(ref, outcome.reason);
      } catch (error) {
        skipped++;
        logger.warn(`Readiness skipped ${ref}: ${messageOf(error)}`);
      }
    }
    const scoringMs = Date.now() - started;

    started = Date.now();
    const replaced = await store.saveScorecards(writes, now);
    await this.notifyOwners(writes, replaced, now);
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
    const retainedSince = new Date(
      now.getTime() - config.historyRetentionDays * DAY_MS,
    );
    await this.recordCampaignProgress(now);
    await store.pruneHistory(retainedSince);
    await this.deps.campaigns?.pruneProgress(retainedSince);
    await this.deps.notifier?.prune(retainedSince);
    await store.optimizeForReads().catch(error =>
      // Only slower reads until the database's own maintenance runs.
      logger.warn(
        `Readiness could not optimise its tables after the cycle: ${messageOf(
          error,
        )}`,
      ),
    );
    const writeMs = Date.now() - started;

    started = Date.now();
    const platform = await this.deps.platform?.run(
      this.deps.snapshots.list().map(state => state.source),
      writes.map(write => write.report),
      now,
    );
    const platformMs = Date.now() - started;

    const summary: CycleSummary = {
      entities: entities.length,
      written: writes.length,
      keptStale: staleOnly.size,
      skipped,
      failedSources: failedSources.map(run => run.source),
      ...(platform ? { platform } : {}),
      timings: { sourcesMs, catalogMs, scoringMs, writeMs, platformMs },
    };
    const platformLog = platform
      ? `; platform: ${platform.evaluated} clusters scored, ${platform.keptStale} kept stale, ` +
        `${platform.skipped} skipped in ${platformMs} ms`
      : '';
    logger.info(
      `Readiness cycle: ${summary.entities} entities, ${summary.written} scored, ` +
        `${summary.keptStale} kept stale, ${summary.skipped} skipped, ` +
        `${summary.failedSources.length} failed sources; ` +
        `sources ${sourcesMs} ms, catalog ${catalogMs} ms, ` +
        `scoring ${scoringMs} ms, writes ${writeMs} ms${platformLog}`,
      { ...summary.timings, entities: summary.entities },
    );
    return summary;
  }

  /**
   * Re-evaluates one entity now. Throws NotFoundError for an entity missing
   * from the catalog or not scored by the plugin, and TooManyRequestsError
   * when it was evaluated less than `refreshMinIntervalSeconds` ago.
   * Concurrent calls for one entity share one evaluation.
   */
  refresh(entityRef: string): Promise<void> {
    const key = entityRef.toLocaleLowerCase('en-US');
    let running = this.refreshing.get(key);
    if (!running) {
      running = this.refreshOnce(entityRef).finally(() => {
        this.refreshing.delete(key);
      });
      this.refreshing.set(key, running);
    }
    return running;
  }

  private async refreshOnce(requestedRef: string): Promise<void> {
    const { config, store } = this.deps;
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const entity = await this.deps.catalog.getEntityByRef(requestedRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${requestedRef} in the catalog`);
    }
    const entityRef = stringifyEntityRef(entity);
    if (!isScoredEntity(entity, config.entityKinds)) {
      throw new NotFoundError(notScoredReason(entityRef, config.entityKinds));
    }
    this.assertRefreshAllowed(entityRef, await store.getEvaluatedAt(entityRef));

    const sources = await this.entitySources(entity);
    const now = this.now();
    const owners = await this.existingOwners([entity]);
    const outcome = await this.scoreOne(entity, now, owners, sources);
    if (outcome.type === 'write') {
      const replaced = await store.saveScorecards([outcome.write], now);
      await this.recordCampaignProgress(now);
      await this.notifyOwners([outcome.write], replaced, now);
    } else {
      await store.markStale(new Map([[entityRef, outcome.reason]]));
    }
  }

  /**
   * Today's campaign burndown points, from the scorecards just written. A
   * failure costs a point, which the next write takes again; the scorecards
   * stand.
   */
  private async recordCampaignProgress(now: Date): Promise<void> {
    try {
      await this.deps.campaigns?.recordProgress(now);
    } catch (error) {
      this.deps.logger.warn(
        `Readiness could not record campaign progress: ${messageOf(error)}`,
      );
    }
  }

  /**
   * Notifies owners of what the saved scorecards changed. A failure is
   * logged, never thrown: the scorecards are stored either way.
   */
  private async notifyOwners(
    writes: ScorecardWrite[],
    replaced: Map<string, PreviousScorecard>,
    now: Date,
  ): Promise<void> {
    const { notifier, logger } = this.deps;
    if (!notifier) return;
    try {
      const sent = await notifier.notify(writes, replaced, now);
      if (sent > 0) {
        logger.info(
          `Readiness sent ${sent} notification${sent === 1 ? '' : 's'}`,
        );
      }
    } catch (error) {
      logger.warn(
        `Readiness could not notify owners of changes: ${messageOf(error)}`,
      );
    }
  }

  /** Refuses a refresh within the configured interval of the last evaluation. */
  private assertRefreshAllowed(entityRef: string, evaluatedAt?: string) {
    const intervalMs = this.deps.config.refreshMinIntervalSeconds * 1000;
    const last = evaluatedAt ? Date.parse(evaluatedAt) : NaN;
    if (intervalMs === 0 || Number.isNaN(last)) return;
    const waitMs = last + intervalMs - this.now().getTime();
    if (waitMs <= 0) return;
    const seconds = Math.ceil(waitMs / 1000);
    throw new TooManyRequestsError(
      `${entityRef} was evaluated at ${new Date(
        last,
      ).toISOString()}; an entity ` +
        `is evaluated at most once every ${this.deps.config.refreshMinIntervalSeconds} ` +
        `seconds (readiness.refresh.minIntervalSeconds). Try again in ${seconds} ` +
        `second${seconds === 1 ? '' : 's'}.`,
      seconds,
    );
  }

  /** The entity's sources, each with what this entity needs read now. */
  private async entitySources(entity: Entity): Promise<SourceState[]> {
    const states = sourcesForEntity(entity, this.deps.snapshots.list());
    const scope = workloadScopeOf(entity);
    // No selector: no source holds the entity's workloads; nothing to read.
    if (!scope) return states;
    return this.deps.snapshots.readScoped(states, scope);
  }

  private async scoreOne(
    entity: Entity,
    now: Date,
    owners: Set<string>,
    sources: readonly SourceState[],
  ): Promise<
    { type: 'write'; write: ScorecardWrite } | { type: 'stale'; reason: string }
  > {
    const ref = stringifyEntityRef(entity);
    const namespace = entity.metadata.namespace ?? 'default';
    const owner = normalizedRef(entity.spec?.owner, 'group', namespace);
    const system = normalizedRef(entity.spec?.system, 'system', namespace);

    const score = scoreEntity(entity, {
      sources,
      manifests: await this.readManifests(entity),
      engine: this.deps.config.engine,
      now,
      ownerExists: owner ? owners.has(owner) : undefined,
    });
    const staleReason = score.staleReasons.join('; ') || undefined;

    // A source the entity needs was never read: keep the stored scorecard
    // rather than replace it with one that lacks those workloads.
    if (!score.complete && (await this.deps.store.getEvaluatedAt(ref))) {
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
        kind: entity.kind,
        lifecycle: stringOf(entity.spec?.lifecycle),
        tags: entity.metadata.tags?.filter(
          (tag): tag is string => typeof tag === 'string',
        ),
        report: score.report,
        staleReason,
        ...(score.drift ? { drift: score.drift } : {}),
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
