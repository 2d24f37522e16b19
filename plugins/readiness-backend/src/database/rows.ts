/**
 * Conversions between database rows and API shapes. SQLite hands back
 * booleans as 0/1 and timestamps as milliseconds, PostgreSQL as booleans and
 * Date objects; everything leaving the store is normalised here.
 */
import {
  LEVELS_ASCENDING,
  type OverviewRow,
  type ReadinessLevel,
  type ScoreHistoryPoint,
} from '@prodready/backstage-plugin-readiness-common';

/** A timestamp column as ISO 8601, whatever the driver returned. */
export function toIsoTimestamp(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return new Date(value).toISOString();
  const parsed = new Date(String(value));
  return Number.isNaN(parsed.getTime()) ? String(value) : parsed.toISOString();
}

/** The UTC day of a time, `YYYY-MM-DD`. */
export function utcDay(time: Date): string {
  return time.toISOString().slice(0, 10);
}

export interface ScorecardSummaryRow {
  entity_ref: string;
  title: string | null;
  owner: string | null;
  system: string | null;
  score: number;
  level: string;
  production_ready: boolean | number;
  workload_count: number;
  evaluated_at: unknown;
  stale: boolean | number;
  stale_reason: string | null;
  /** NULL when Git and a cluster were not both read. */
  drift_count: number | null;
}

export interface ScorecardRow extends ScorecardSummaryRow {
  report: string;
  /** WorkloadDrift[] as JSON; NULL when not compared. */
  drift: string | null;
  level_rank: number;
  search_text: string;
  kind: string;
  lifecycle: string;
  tags: string;
}

/**
 * Tags as stored: `,a,b,`, so that one tag is found with `LIKE '%,a,%'`.
 * Catalog tags cannot hold a comma; '' when there are none.
 */
export function storedTags(tags: readonly string[] | undefined): string {
  const kept = (tags ?? []).filter(tag => tag && !tag.includes(','));
  return kept.length > 0 ? `,${kept.join(',')},` : '';
}

/** The level as a number that sorts none < bronze < silver < gold. */
export function levelRank(level: ReadinessLevel): number {
  return Math.max(0, LEVELS_ASCENDING.indexOf(level));
}

/** How search (`q=`) lower-cases text, at write time and in queries. */
export function searchKey(text: string): string {
  return text.toLocaleLowerCase('en-US');
}

/**
 * What `q=` searches: the ref, title, owner and system, lower-cased and
 * joined by a line break (which no search term the UI sends contains), so
 * one LIKE on one column, which a trigram index can serve, replaces four.
 */
export function searchText(fields: {
  entityRef: string;
  title?: string;
  owner?: string;
  system?: string;
}): string {
  return searchKey(
    [fields.entityRef, fields.title, fields.owner, fields.system]
      .map(field => field ?? '')
      .join('\n'),
  );
}

/** Columns of the overview, everything but the report. */
export const SUMMARY_COLUMNS = [
  'entity_ref',
  'title',
  'owner',
  'system',
  'score',
  'level',
  'production_ready',
  'workload_count',
  'evaluated_at',
  'stale',
  'stale_reason',
  'drift_count',
] as const;

/** A stored summary: an overview row and why it is stale, if it is. */
export interface StoredSummary extends OverviewRow {
  staleReason?: string;
}

function optional(value: string | null): string | undefined {
  return value === null || value === '' ? undefined : value;
}

export function summaryFromRow(row: ScorecardSummaryRow): StoredSummary {
  const summary: StoredSummary = {
    entityRef: row.entity_ref,
    score: Number(row.score),
    level: row.level as ReadinessLevel,
    productionReady: Boolean(row.production_ready),
    evaluatedAt: toIsoTimestamp(row.evaluated_at),
    stale: Boolean(row.stale),
    workloadCount: Number(row.workload_count),
  };
  const title = optional(row.title);
  const owner = optional(row.owner);
  const system = optional(row.system);
  const staleReason = optional(row.stale_reason);
  if (title) summary.title = title;
  if (owner) summary.owner = owner;
  if (system) summary.system = system;
  if (staleReason) summary.staleReason = staleReason;
  if (row.drift_count !== null && row.drift_count !== undefined) {
    summary.driftCount = Number(row.drift_count);
  }
  return summary;
}

export function historyPointFromRow(row: {
  recorded_at: unknown;
  score: number;
  level: string;
  production_ready: boolean | number;
}): ScoreHistoryPoint {
  return {
    recordedAt: toIsoTimestamp(row.recorded_at),
    score: Number(row.score),
    level: row.level as ReadinessLevel,
    productionReady: Boolean(row.production_ready),
  };
}
