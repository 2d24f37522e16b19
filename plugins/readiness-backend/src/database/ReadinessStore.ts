import type {
  EntityScorecard,
  LevelCounts,
  OrganisationTrendPoint,
  ReadinessLevel,
  ReadinessReport,
  ScoreHistoryPoint,
} from '@prodready/backstage-plugin-readiness-common';
import { emptyLevelCounts } from '@prodready/backstage-plugin-readiness-common';
import { Knex } from 'knex';
import {
  historyPointFromRow,
  ScorecardRow,
  ScorecardSummaryRow,
  StoredSummary,
  SUMMARY_COLUMNS,
  summaryFromRow,
  toIsoTimestamp,
  utcDay,
} from './rows';

/** A freshly computed scorecard to store. */
export interface ScorecardWrite {
  entityRef: string;
  title?: string;
  owner?: string;
  system?: string;
  report: ReadinessReport;
  /** Set when some results were carried over from a source that failed. */
  staleReason?: string;
}

/** One read of a workload source. */
export interface SourceRun {
  source: string;
  startedAt: Date;
  durationMs: number;
  objectCount: number;
  errors: string[];
  warnings: string[];
}

/** The latest run of a source, as served to administrators. */
export interface SourceRunSummary {
  source: string;
  startedAt: string;
  durationMs: number;
  objectCount: number;
  errors: string[];
  warnings: string[];
}

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

function failingCheckIds(report: ReadinessReport): string[] {
  const failing = new Set<string>();
  const collect = (results: ReadonlyArray<{ check: string; status: string }>) =>
    results.forEach(result => {
      if (result.status === 'fail') failing.add(result.check);
    });
  report.workloads.forEach(workload => collect(workload.results));
  report.objects.forEach(object => collect(object.results));
  if (report.entity) collect(report.entity.results);
  return [...failing].sort();
}

/**
 * The plugin's database: latest scorecard per entity, history, daily
 * snapshots for trends, and the log of source runs.
 */
export class ReadinessStore {
  // The overview reads every summary on each request; they change once per
  // cycle, so a short-lived copy spares the database. Writes through this
  // store drop it at once; other replicas' writes show within the TTL.
  private summaries?: { rows: StoredSummary[]; readAt: number };

  constructor(
    private readonly knex: Knex,
    private readonly summaryTtlMs = 10_000,
  ) {}

  private forgetSummaries(): void {
    this.summaries = undefined;
  }

  /**
   * Stores scorecards in batched transactions, so an interrupted run keeps
   * every batch written before. Adds a history point when score, level or
   * verdict changed, and on an entity's first evaluation of each UTC day.
   */
  async saveScorecards(writes: ScorecardWrite[], now: Date): Promise<void> {
    this.forgetSummaries();
    const day = utcDay(now);
    for (const batch of chunk(writes, WRITE_BATCH_SIZE)) {
      await this.knex.transaction(async tx => {
        const refs = batch.map(write => write.entityRef);
        const previous = new Map<
          string,
          Pick<
            ScorecardSummaryRow,
            'entity_ref' | 'score' | 'level' | 'production_ready'
          >
        >();
        (
          await tx<ScorecardSummaryRow>('readiness_scorecards')
            .select('entity_ref', 'score', 'level', 'production_ready')
            .whereIn('entity_ref', refs)
        ).forEach(row => previous.set(row.entity_ref, row));
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
  }

  private scorecardRow(write: ScorecardWrite): ScorecardRow {
    const { summary } = write.report;
    return {
      entity_ref: write.entityRef,
      title: write.title ?? null,
      owner: write.owner ?? null,
      system: write.system ?? null,
      score: summary.score,
      level: summary.level,
      production_ready: summary.productionReady,
      workload_count: write.report.workloads.length,
      failing_checks: JSON.stringify(failingCheckIds(write.report)),
      report: JSON.stringify(write.report),
      evaluated_at: new Date(write.report.evaluatedAt),
      stale: write.staleReason !== undefined,
      stale_reason: write.staleReason ?? null,
    };
  }

  /**
   * Marks stored scorecards stale without touching their results, when the
   * sources they were read from cannot be read now.
   */
  async markStale(reasons: Map<string, string>): Promise<void> {
    this.forgetSummaries();
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

  async getScorecard(entityRef: string): Promise<EntityScorecard | undefined> {
    const row = await this.knex<ScorecardRow>('readiness_scorecards')
      .where('entity_ref', entityRef)
      .first();
    if (!row) return undefined;
    const {
      failingChecks: _,
      workloadCount: __,
      ...summary
    } = summaryFromRow(row);
    return { ...summary, report: JSON.parse(row.report) };
  }

  /** Every stored scorecard without its report: the overview's raw rows. */
  async listSummaries(): Promise<readonly StoredSummary[]> {
    const cached = this.summaries;
    if (cached && Date.now() - cached.readAt < this.summaryTtlMs) {
      return cached.rows;
    }
    const readAt = Date.now();
    const rows = (
      await this.knex<ScorecardSummaryRow>('readiness_scorecards')
        .select(...SUMMARY_COLUMNS)
        .orderBy('entity_ref')
    ).map(summaryFromRow);
    this.summaries = { rows, readAt };
    return rows;
  }

  async listEntityRefs(): Promise<string[]> {
    const rows = await this.knex('readiness_scorecards').select('entity_ref');
    return rows.map(row => row.entity_ref as string);
  }

  /** Removes scorecards of entities that left the catalog; history stays. */
  async deleteScorecards(entityRefs: string[]): Promise<void> {
    this.forgetSummaries();
    for (const batch of chunk(entityRefs, IN_LIST_CHUNK)) {
      await this.knex('readiness_scorecards')
        .whereIn('entity_ref', batch)
        .delete();
    }
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

  /**
   * The organisation per UTC day since `since`, over the given entities
   * only (those the caller may see).
   */
  async getTrend(
    since: Date,
    entityRefs: string[],
  ): Promise<OrganisationTrendPoint[]> {
    interface DayTotals {
      entities: number;
      ready: number;
      scoreSum: number;
      levels: LevelCounts;
    }
    const days = new Map<string, DayTotals>();
    for (const batch of chunk(entityRefs, IN_LIST_CHUNK)) {
      const rows: Array<Record<string, unknown>> = await this.knex(
        'readiness_daily',
      )
        .select('day', 'level')
        .count({ entities: '*' })
        .sum({ score_sum: 'score' })
        .sum({
          ready: this.knex.raw(
            'CASE WHEN production_ready THEN 1 ELSE 0 END',
          ) as any,
        })
        .where('day', '>=', utcDay(since))
        .whereIn('entity_ref', batch)
        .groupBy('day', 'level');
      for (const row of rows) {
        const day = String(row.day);
        const totals = days.get(day) ?? {
          entities: 0,
          ready: 0,
          scoreSum: 0,
          levels: emptyLevelCounts(),
        };
        const entities = Number(row.entities);
        totals.entities += entities;
        totals.ready += Number(row.ready);
        totals.scoreSum += Number(row.score_sum);
        totals.levels[row.level as ReadinessLevel] += entities;
        days.set(day, totals);
      }
    }
    return [...days]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, totals]) => ({
        day,
        entities: totals.entities,
        levels: totals.levels,
        productionReadyShare: totals.entities
          ? totals.ready / totals.entities
          : 0,
        meanScore: totals.entities
          ? Math.round(totals.scoreSum / totals.entities)
          : 0,
      }));
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

  /** The latest run of each source. */
  async latestSourceRuns(): Promise<SourceRunSummary[]> {
    const latest = this.knex('readiness_source_runs')
      .select('source')
      .max({ last_id: 'id' })
      .groupBy('source')
      .as('latest');
    const rows = await this.knex('readiness_source_runs as runs')
      .join(latest, 'runs.id', 'latest.last_id')
      .select('runs.*')
      .orderBy('runs.source');
    return rows.map(row => ({
      source: row.source,
      startedAt: toIsoTimestamp(row.started_at),
      durationMs: Number(row.duration_ms),
      objectCount: Number(row.object_count),
      errors: row.errors ? JSON.parse(row.errors) : [],
      warnings: row.warnings ? JSON.parse(row.warnings) : [],
    }));
  }

  /** Deletes history, daily points and source runs older than `before`. */
  async pruneHistory(before: Date): Promise<void> {
    await this.knex('readiness_history')
      .where('recorded_at', '<', before)
      .delete();
    await this.knex('readiness_daily')
      .where('day', '<', utcDay(before))
      .delete();
    await this.knex('readiness_source_runs')
      .where('started_at', '<', before)
      .delete();
  }
}
