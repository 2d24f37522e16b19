import { DatabaseService } from '@backstage/backend-plugin-api';
import type {
  EntityScorecard,
  OverviewQuery,
  ReadinessLevel,
  ScoreHistoryPoint,
  SourceHealth,
} from '@prodready/backstage-plugin-readiness-common';
import { Knex } from 'knex';
import { exemptCheckIds, failingCheckIds } from './checkIdsByStatus';
import { applyDatabaseMigrations } from './migrations';
import {
  adoptionByOwner,
  failingCheckTallies,
  organisationTrend,
  queryOverview,
  refreshDailyTotals,
} from './overviewQueries';
import {
  deletePlatformScorecards,
  getPlatformHistory,
  getPlatformScorecard,
  listPlatformClusters,
  listPlatformSummaries,
  markPlatformStale,
  platformDailyTrends,
  prunePlatformHistory,
  savePlatformScorecard,
} from './platformQueries';
import {
  EntityScope,
  PlatformScorecardWrite,
  PreviousScorecard,
  ReadinessStore,
  ScorecardWrite,
  SourceRun,
} from './ReadinessStore';
import {
  historyPointFromRow,
  ScorecardRow,
  ScorecardSummaryRow,
  summaryFromRow,
  levelRank,
  SUMMARY_COLUMNS,
  searchText,
  storedTags,
  toIsoTimestamp,
  utcDay,
} from './rows';
import { driftColumns, storedDriftKeys } from './storedDrift';
import { raiseWriteGeneration, WriteGenerationCache } from './writeGeneration';

// Rows per transaction: small enough to keep locks short, large enough that
// 5,000 entities take a few dozen round trips.
const WRITE_BATCH_SIZE = 250;
// Most bound parameters per `IN (...)` list; SQLite allows 32,766 in all.
const IN_LIST_CHUNK = 500;

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}

/** The scorecard's fields but its report and drift, as the routes send them. */
function scorecardSummaryJson(row: ScorecardSummaryRow): string {
  const {
    workloadCount: _workloads,
    driftCount: _drift,
    ...summary
  } = summaryFromRow(row);
  return JSON.stringify(summary);
}

function jsonList(value: unknown): string[] {
  return typeof value === 'string' && value ? JSON.parse(value) : [];
}

/**
 * The store over the plugin's database. Every replica on the same database
 * serves the same results at once: what it keeps in memory (aggregates over
 * every scorecard) is checked against the database's write generation on
 * each read.
 */
export class DatabaseReadinessStore implements ReadinessStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseReadinessStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await applyDatabaseMigrations(knex);
    }
    return new DatabaseReadinessStore(knex);
  }

  private readonly aggregates: WriteGenerationCache;

  /** For tests and benchmarks that manage the schema themselves. */
  constructor(private readonly knex: Knex) {
    this.aggregates = new WriteGenerationCache(knex);
  }

  /**
   * Stores scorecards in batched transactions, so an interrupted run keeps
   * every batch written before. Adds a history point when score, level or
   * verdict changed, and on an entity's first evaluation of each UTC day.
   */
  async saveScorecards(
    writes: ScorecardWrite[],
    now: Date,
  ): Promise<Map<string, PreviousScorecard>> {
    const day = utcDay(now);
    const replaced = new Map<string, PreviousScorecard>();
    for (const batch of chunk(writes, WRITE_BATCH_SIZE)) {
      await this.knex.transaction(async tx => {
        const refs = batch.map(write => write.entityRef);
        const previous = new Map(
          (
            await tx<ScorecardSummaryRow>('readiness_scorecards')
              .select(
                'entity_ref',
                'score',
                'level',
                'production_ready',
                'evaluated_at',
                'stale',
              )
              .whereIn('entity_ref', refs)
          ).map(row => [row.entity_ref, row]),
        );
        await this.collectReplaced(tx, batch, previous, replaced);
        const seenToday = new Set(
          (
            await tx('readiness_daily')
              .select('entity_ref')
              .where('day', day)
              .whereIn('entity_ref', refs)
          ).map(row => row.entity_ref as string),
        );
        const history = batch.filter(write => {
          const before = previous.get(write.entityRef);
          const { summary } = write.report;
          return (
            !before ||
            !seenToday.has(write.entityRef) ||
            Number(before.score) !== summary.score ||
            before.level !== summary.level ||
            Boolean(before.production_ready) !== summary.productionReady
          );
        });

        await tx('readiness_scorecards')
          .insert(batch.map(write => this.scorecardRow(write)))
          .onConflict('entity_ref')
          .merge();
        await raiseWriteGeneration(tx);
        await tx('readiness_failing_checks')
          .whereIn('entity_ref', refs)
          .delete();
        const failing = batch.flatMap(write =>
          failingCheckIds(write.report).map(check => ({
            entity_ref: write.entityRef,
            check_id: check,
          })),
        );
        for (const rows of chunk(failing, IN_LIST_CHUNK)) {
          await tx('readiness_failing_checks').insert(rows);
        }
        await tx('readiness_exempt_checks')
          .whereIn('entity_ref', refs)
          .delete();
        const exempt = batch.flatMap(write =>
          exemptCheckIds(write.report).map(check => ({
            entity_ref: write.entityRef,
            check_id: check,
          })),
        );
        for (const rows of chunk(exempt, IN_LIST_CHUNK)) {
          await tx('readiness_exempt_checks').insert(rows);
        }
        await tx('readiness_daily')
          .insert(
            batch.map(write => ({
              entity_ref: write.entityRef,
              day,
              score: write.report.summary.score,
              level: write.report.summary.level,
              production_ready: write.report.summary.productionReady,
            })),
          )
          .onConflict(['entity_ref', 'day'])
          .merge();
        if (history.length > 0) {
          await tx('readiness_history').insert(
            history.map(write => ({
              entity_ref: write.entityRef,
              recorded_at: now,
              score: write.report.summary.score,
              level: write.report.summary.level,
              production_ready: write.report.summary.productionReady,
            })),
          );
        }
      });
    }
    if (writes.length > 0) await refreshDailyTotals(this.knex, day);
    return replaced;
  }

  /**
   * Adds the batch's previous scorecards to `replaced`, with the checks
   * they failed for those whose level or verdict gets worse, and the
   * workloads they found drifting for those that drift now: read before
   * the save replaces them, and only for the few entities that need them.
   */
  private async collectReplaced(
    tx: Knex.Transaction,
    batch: ScorecardWrite[],
    previous: Map<
      string,
      Pick<
        ScorecardSummaryRow,
        'level' | 'production_ready' | 'evaluated_at' | 'stale'
      >
    >,
    replaced: Map<string, PreviousScorecard>,
  ): Promise<void> {
    const worse: string[] = [];
    const drifting: string[] = [];
    for (const write of batch) {
      const row = previous.get(write.entityRef);
      if (!row) continue;
      const level = row.level as ReadinessLevel;
      const productionReady = Boolean(row.production_ready);
      replaced.set(write.entityRef, {
        level,
        productionReady,
        evaluatedAt: toIsoTimestamp(row.evaluated_at),
        stale: Boolean(row.stale),
        failingChecks: [],
        driftedWorkloads: [],
      });
      if (write.drift?.length) drifting.push(write.entityRef);
      const { summary } = write.report;
      if (
        levelRank(summary.level) < levelRank(level) ||
        (productionReady && !summary.productionReady)
      ) {
        worse.push(write.entityRef);
      }
    }
    for (const refs of chunk(worse, IN_LIST_CHUNK)) {
      const rows = await tx('readiness_failing_checks')
        .select('entity_ref', 'check_id')
        .whereIn('entity_ref', refs)
        .orderBy('check_id');
      for (const row of rows) {
        replaced.get(row.entity_ref)?.failingChecks.push(row.check_id);
      }
    }
    for (const refs of chunk(drifting, IN_LIST_CHUNK)) {
      const rows = await tx('readiness_scorecards')
        .select('entity_ref', 'drift')
        .whereIn('entity_ref', refs);
      for (const row of rows) {
        replaced
          .get(row.entity_ref)
          ?.driftedWorkloads.push(...storedDriftKeys(row.drift));
      }
    }
  }

  private scorecardRow(write: ScorecardWrite): ScorecardRow {
    const { summary } = write.report;
    return {
      entity_ref: write.entityRef,
      // '' rather than NULL: an empty value then sorts first through the
      // column's index (see the migration 20261206000000).
      title: write.title ?? '',
      owner: write.owner ?? '',
      system: write.system ?? '',
      kind: (write.kind ?? '').toLocaleLowerCase('en-US'),
      lifecycle: write.lifecycle ?? '',
      tags: storedTags(write.tags),
      search_text: searchText(write),
      score: summary.score,
      level: summary.level,
      level_rank: levelRank(summary.level),
      production_ready: summary.productionReady,
      workload_count: write.report.workloads.length,
      report: JSON.stringify(write.report),
      evaluated_at: new Date(write.report.evaluatedAt),
      stale: write.staleReason !== undefined,
      stale_reason: write.staleReason ?? null,
      ...driftColumns(write.drift),
    };
  }

  async markStale(reasons: Map<string, string>): Promise<void> {
    for (const batch of chunk([...reasons], WRITE_BATCH_SIZE)) {
      await this.knex.transaction(async tx => {
        for (const [entityRef, reason] of batch) {
          await tx('readiness_scorecards')
            .where('entity_ref', entityRef)
            .update({ stale: true, stale_reason: reason });
        }
      });
    }
  }

  async deleteScorecards(entityRefs: string[]): Promise<void> {
    for (const batch of chunk(entityRefs, IN_LIST_CHUNK)) {
      await this.knex.transaction(async tx => {
        await tx('readiness_failing_checks')
          .whereIn('entity_ref', batch)
          .delete();
        await tx('readiness_exempt_checks')
          .whereIn('entity_ref', batch)
          .delete();
        await tx('readiness_scorecards').whereIn('entity_ref', batch).delete();
        await raiseWriteGeneration(tx);
      });
    }
  }

  async getScorecard(entityRef: string): Promise<EntityScorecard | undefined> {
    const json = await this.getScorecardJson(entityRef);
    return json === undefined ? undefined : JSON.parse(json);
  }

  async getScorecardJson(entityRef: string): Promise<string | undefined> {
    const row = await this.knex<ScorecardRow>('readiness_scorecards')
      .where('entity_ref', entityRef)
      .first();
    if (!row) return undefined;
    // The summary's JSON with the stored report and drift texts spliced in
    // after it; both were written by JSON.stringify. Drift comes after the
    // report, so the summary still ends where `,"report":` begins.
    const drift = row.drift ? `,"drift":${row.drift}` : '';
    return `${scorecardSummaryJson(row).slice(0, -1)},"report":${
      row.report
    }${drift}}`;
  }

  async getScorecardSummaryJson(
    entityRef: string,
  ): Promise<string | undefined> {
    const row: ScorecardSummaryRow | undefined = await this.knex(
      'readiness_scorecards',
    )
      .select(...SUMMARY_COLUMNS)
      .where('entity_ref', entityRef)
      .first();
    return row ? scorecardSummaryJson(row) : undefined;
  }

  async getEvaluatedAt(entityRef: string): Promise<string | undefined> {
    const row = await this.knex('readiness_scorecards')
      .select('evaluated_at')
      .where('entity_ref', entityRef)
      .first();
    return row ? toIsoTimestamp(row.evaluated_at) : undefined;
  }

  async listEntityRefs(): Promise<string[]> {
    const rows = await this.knex('readiness_scorecards').select('entity_ref');
    return rows.map(row => row.entity_ref as string);
  }

  async getHistory(
    entityRef: string,
    since: Date,
  ): Promise<ScoreHistoryPoint[]> {
    const rows = await this.knex('readiness_history')
      .select('recorded_at', 'score', 'level', 'production_ready')
      .where('entity_ref', entityRef)
      .where('recorded_at', '>=', since)
      .orderBy('recorded_at', 'asc')
      .orderBy('id', 'asc');
    return rows.map(historyPointFromRow);
  }

  queryOverview(query: OverviewQuery, scope: EntityScope) {
    return queryOverview(this.knex, query, scope, this.aggregates);
  }

  // Over every entity, these read the whole table: kept until the next
  // write. A narrower scope is one caller's, and computed each time.
  adoptionByOwner(scope: EntityScope) {
    const compute = () => adoptionByOwner(this.knex, scope);
    return scope.type === 'all'
      ? this.aggregates.get('adoption-by-owner', compute)
      : compute();
  }

  failingCheckTallies(scope: EntityScope) {
    const compute = () => failingCheckTallies(this.knex, scope);
    return scope.type === 'all'
      ? this.aggregates.get('failing-check-tallies', compute)
      : compute();
  }

  getTrend(since: Date, scope: EntityScope) {
    return organisationTrend(this.knex, since, scope);
  }

  savePlatformScorecard(write: PlatformScorecardWrite, now: Date) {
    return savePlatformScorecard(this.knex, write, now);
  }

  markPlatformStale(cluster: string, reason: string) {
    return markPlatformStale(this.knex, cluster, reason);
  }

  deletePlatformScorecards(clusters: string[]) {
    return deletePlatformScorecards(this.knex, clusters);
  }

  getPlatformScorecard(cluster: string) {
    return getPlatformScorecard(this.knex, cluster);
  }

  listPlatformClusters() {
    return listPlatformClusters(this.knex);
  }

  listPlatformSummaries() {
    return listPlatformSummaries(this.knex);
  }

  getPlatformHistory(cluster: string, since: Date) {
    return getPlatformHistory(this.knex, cluster, since);
  }

  platformDailyTrends(since: Date) {
    return platformDailyTrends(this.knex, since);
  }

  async recordSourceRuns(runs: SourceRun[]): Promise<void> {
    if (runs.length === 0) return;
    await this.knex('readiness_source_runs').insert(
      runs.map(run => ({
        source: run.source,
        started_at: run.startedAt,
        duration_ms: Math.round(run.durationMs),
        object_count: run.objectCount,
        errors: run.errors.length ? JSON.stringify(run.errors) : null,
        warnings: run.warnings.length ? JSON.stringify(run.warnings) : null,
      })),
    );
  }

  async sourceHealth(): Promise<SourceHealth[]> {
    const latest = this.knex('readiness_source_runs')
      .select('source')
      .max({ last_id: 'id' })
      .groupBy('source')
      .as('latest');
    const successes = this.knex('readiness_source_runs')
      .select('source')
      .max({ last_success_at: 'started_at' })
      .whereNull('errors')
      .groupBy('source')
      .as('successes');
    const rows = await this.knex('readiness_source_runs as runs')
      .join(latest, 'runs.id', 'latest.last_id')
      .leftJoin(successes, 'runs.source', 'successes.source')
      .select('runs.*', 'successes.last_success_at')
      .orderBy('runs.source');
    return rows.map(row => {
      const errors = jsonList(row.errors);
      const health: SourceHealth = {
        source: row.source,
        lastRunAt: toIsoTimestamp(row.started_at),
        durationMs: Number(row.duration_ms),
        objectCount: Number(row.object_count),
        healthy: errors.length === 0,
        errors,
        warnings: jsonList(row.warnings),
      };
      if (row.last_success_at) {
        health.lastSuccessAt = toIsoTimestamp(row.last_success_at);
      }
      return health;
    });
  }

  async pruneHistory(before: Date): Promise<void> {
    await this.knex('readiness_history')
      .where('recorded_at', '<', before)
      .delete();
    await this.knex('readiness_daily')
      .where('day', '<', utcDay(before))
      .delete();
    await this.knex('readiness_daily_totals')
      .where('day', '<', utcDay(before))
      .delete();
    await this.knex('readiness_source_runs')
      .where('started_at', '<', before)
      .delete();
    await prunePlatformHistory(this.knex, before);
  }

  async optimizeForReads(): Promise<void> {
    const client = String(this.knex.client.config.client);
    if (client === 'pg') {
      // A cycle rewrites every row, which clears the visibility map that
      // index-only scans (the overview's sorts and counts) rely on; VACUUM
      // sets it again. Outside a transaction, as VACUUM requires.
      await this.knex.raw(
        'VACUUM (ANALYZE) readiness_scorecards, readiness_failing_checks, readiness_exempt_checks',
      );
    } else if (client.includes('sqlite')) {
      await this.knex.raw('PRAGMA optimize');
    }
  }
}
