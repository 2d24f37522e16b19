/**
 * Platform scorecards in the database: the latest per cluster and its
 * history. Few rows (one per cluster), so the statuses of the overview's
 * matrix are read from the stored reports rather than kept twice.
 */
import type {
  CheckStatus,
  PlatformReport,
  PlatformScorecard,
  ReadinessLevel,
  ScoreHistoryPoint,
} from '@prodready/backstage-plugin-readiness-common';
import { Knex } from 'knex';
import { PlatformScorecardWrite, PlatformSummary } from './ReadinessStore';
import { historyPointFromRow, toIsoTimestamp, utcDay } from './rows';

const SCORECARDS = 'readiness_platform_scorecards';
const HISTORY = 'readiness_platform_history';

interface PlatformScorecardRow {
  cluster: string;
  entity_ref: string | null;
  title: string | null;
  score: number;
  level: string;
  production_ready: boolean | number;
  evaluated_at: unknown;
  stale: boolean | number;
  stale_reason: string | null;
  report: string;
}

/** Each check's status in a report, by check id. */
export function statusesOf(
  report: PlatformReport,
): Record<string, CheckStatus> {
  const statuses: Record<string, CheckStatus> = {};
  for (const result of report.cluster.results) {
    statuses[result.check] = result.status;
  }
  return statuses;
}

function sameStatuses(
  a: Record<string, CheckStatus>,
  b: Record<string, CheckStatus>,
): boolean {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every(key => a[key] === b[key])
  );
}

/** The scorecard's fields other than the report, as the API names them. */
function summaryOf(
  row: PlatformScorecardRow,
): Omit<PlatformScorecard, 'report'> {
  const summary: Omit<PlatformScorecard, 'report'> = {
    cluster: row.cluster,
    score: Number(row.score),
    level: row.level as ReadinessLevel,
    productionReady: Boolean(row.production_ready),
    evaluatedAt: toIsoTimestamp(row.evaluated_at),
    stale: Boolean(row.stale),
  };
  if (row.entity_ref) summary.entityRef = row.entity_ref;
  if (row.title) summary.title = row.title;
  if (row.stale_reason) summary.staleReason = row.stale_reason;
  return summary;
}

export async function savePlatformScorecard(
  knex: Knex,
  write: PlatformScorecardWrite,
  now: Date,
): Promise<void> {
  const { summary } = write.report;
  const statuses = statusesOf(write.report);
  await knex.transaction(async tx => {
    const last = await tx(HISTORY)
      .select('recorded_at', 'score', 'level', 'production_ready', 'statuses')
      .where('cluster', write.cluster)
      .orderBy('recorded_at', 'desc')
      .orderBy('id', 'desc')
      .first();
    const changed =
      !last ||
      utcDay(new Date(toIsoTimestamp(last.recorded_at))) !== utcDay(now) ||
      Number(last.score) !== summary.score ||
      last.level !== summary.level ||
      Boolean(last.production_ready) !== summary.productionReady ||
      !sameStatuses(JSON.parse(last.statuses), statuses);

    await tx(SCORECARDS)
      .insert({
        cluster: write.cluster,
        entity_ref: write.entityRef ?? null,
        title: write.title ?? null,
        score: summary.score,
        level: summary.level,
        production_ready: summary.productionReady,
        evaluated_at: new Date(write.report.evaluatedAt),
        stale: false,
        stale_reason: null,
        report: JSON.stringify(write.report),
      })
      .onConflict('cluster')
      .merge();
    if (changed) {
      await tx(HISTORY).insert({
        cluster: write.cluster,
        recorded_at: now,
        score: summary.score,
        level: summary.level,
        production_ready: summary.productionReady,
        statuses: JSON.stringify(statuses),
      });
    }
  });
}

export async function markPlatformStale(
  knex: Knex,
  cluster: string,
  reason: string,
): Promise<void> {
  await knex(SCORECARDS)
    .where('cluster', cluster)
    .update({ stale: true, stale_reason: reason });
}

export async function deletePlatformScorecards(
  knex: Knex,
  clusters: string[],
): Promise<void> {
  if (clusters.length === 0) return;
  await knex(SCORECARDS).whereIn('cluster', clusters).delete();
}

export async function getPlatformScorecard(
  knex: Knex,
  cluster: string,
): Promise<PlatformScorecard | undefined> {
  const row = await knex<PlatformScorecardRow>(SCORECARDS)
    .where('cluster', cluster)
    .first();
  if (!row) return undefined;
  return { ...summaryOf(row), report: JSON.parse(row.report) };
}

export async function listPlatformClusters(knex: Knex): Promise<string[]> {
  const rows = await knex(SCORECARDS).select('cluster').orderBy('cluster');
  return rows.map(row => row.cluster as string);
}

export async function listPlatformSummaries(
  knex: Knex,
): Promise<PlatformSummary[]> {
  const rows = await knex<PlatformScorecardRow>(SCORECARDS)
    .select()
    .orderBy('cluster');
  return rows.map(row => ({
    ...summaryOf(row),
    statuses: statusesOf(JSON.parse(row.report)),
  }));
}

export async function getPlatformHistory(
  knex: Knex,
  cluster: string,
  since: Date,
): Promise<ScoreHistoryPoint[]> {
  const rows = await knex(HISTORY)
    .select('recorded_at', 'score', 'level', 'production_ready')
    .where('cluster', cluster)
    .where('recorded_at', '>=', since)
    .orderBy('recorded_at', 'asc')
    .orderBy('id', 'asc');
  return rows.map(historyPointFromRow);
}

export async function platformDailyTrends(
  knex: Knex,
  since: Date,
): Promise<Map<string, ScoreHistoryPoint[]>> {
  const rows = await knex(HISTORY)
    .select('cluster', 'recorded_at', 'score', 'level', 'production_ready')
    .where('recorded_at', '>=', since)
    .orderBy('cluster')
    .orderBy('recorded_at', 'asc')
    .orderBy('id', 'asc');
  // Rows come oldest first: a later point of the same day replaces the last.
  const trends = new Map<string, ScoreHistoryPoint[]>();
  for (const row of rows) {
    const point = historyPointFromRow(row);
    let points = trends.get(row.cluster);
    if (!points) {
      points = [];
      trends.set(row.cluster, points);
    }
    const previous = points[points.length - 1];
    if (
      previous &&
      utcDay(new Date(previous.recordedAt)) ===
        utcDay(new Date(point.recordedAt))
    ) {
      points[points.length - 1] = point;
    } else {
      points.push(point);
    }
  }
  return trends;
}

export async function prunePlatformHistory(
  knex: Knex,
  before: Date,
): Promise<void> {
  await knex(HISTORY).where('recorded_at', '<', before).delete();
}
