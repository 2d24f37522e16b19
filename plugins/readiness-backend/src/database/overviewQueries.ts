/**
 * The adoption overview in SQL: filters, search, sorting, paging and counts
 * run in the database, so a page costs the same with 500 entities or 50,000.
 */
import {
  emptyLevelCounts,
  LevelCounts,
  LEVELS_ASCENDING,
  OrganisationTrendPoint,
  OverviewPage,
  OverviewQuery,
  OverviewSortField,
  OwnerAdoption,
  ReadinessLevel,
} from '@prodready/backstage-plugin-readiness-common';
import { Knex } from 'knex';
import { whereInScope } from './entityScope';
import { WriteGenerationCache } from './writeGeneration';
import { CheckFailureTally, EntityScope } from './ReadinessStore';
import {
  ScorecardSummaryRow,
  searchKey,
  SUMMARY_COLUMNS,
  summaryFromRow,
  utcDay,
} from './rows';

export const DEFAULT_OVERVIEW_LIMIT = 50;
/** Owner shown for entities that name none. */
export const NO_OWNER = 'unowned';

const SCORECARDS = 'readiness_scorecards';

/** The column each sort reads; every one is indexed with `entity_ref`. */
const SORT_COLUMNS: Record<OverviewSortField, string> = {
  score: 'score',
  level: 'level_rank',
  evaluatedAt: 'evaluated_at',
  title: 'title',
  owner: 'owner',
  system: 'system',
};

/** `%text%` for LIKE, with LIKE's own wildcards taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, char => `\\${char}`)}%`;
}

function filteredScorecards(
  knex: Knex,
  query: OverviewQuery,
  scope: EntityScope,
): Knex.QueryBuilder {
  const builder = knex(SCORECARDS);
  if (query.owner) builder.where('owner', query.owner);
  if (query.system) builder.where('system', query.system);
  if (query.level) builder.where('level', query.level);
  // Spelled as the partial index of drifting entities is (migration
  // 20261214000400), so the database can see that it applies.
  if (query.drift) builder.whereRaw('drift_count > 0');
  const needle = searchKey(query.q?.trim() ?? '');
  if (needle) {
    builder.whereRaw(`search_text LIKE ? ESCAPE '\\'`, [
      containsPattern(needle),
    ]);
  }
  return whereInScope(knex, builder, 'entity_ref', scope);
}

/**
 * Sorts by the field, ties by ref in the same direction, so that each sort
 * reads one index (the column, then `entity_ref`) forwards or backwards.
 * Text columns hold '' for "none", which sorts first ascending, as in the UI.
 */
function orderBy(
  builder: Knex.QueryBuilder,
  field: OverviewSortField,
  order: 'asc' | 'desc',
): Knex.QueryBuilder {
  return builder
    .orderBy(SORT_COLUMNS[field], order)
    .orderBy('entity_ref', order);
}

/**
 * How many rows match the filters. Over every entity the count is kept
 * until the next write: it is as costly as a deep page (a pass over the
 * index), and the same filters are asked for again and again.
 */
async function countMatching(
  knex: Knex,
  query: OverviewQuery,
  scope: EntityScope,
  aggregates?: WriteGenerationCache,
): Promise<number> {
  const count = async () => {
    const counted = await filteredScorecards(knex, query, scope)
      .count({ total: '*' })
      .first();
    return Number(counted?.total ?? 0);
  };
  if (!aggregates || scope.type !== 'all') return count();
  const { owner, system, level, q } = query;
  const key = JSON.stringify({
    count: 'overview',
    owner,
    system,
    level,
    q: searchKey(q?.trim() ?? ''),
    drift: query.drift === true,
  });
  return aggregates.get(key, count);
}

export async function queryOverview(
  knex: Knex,
  query: OverviewQuery,
  scope: EntityScope,
  aggregates?: WriteGenerationCache,
): Promise<OverviewPage> {
  const limit = query.limit ?? DEFAULT_OVERVIEW_LIMIT;
  const offset = query.offset ?? 0;
  const sort = query.sort ?? 'score';
  const order = query.order ?? 'asc';
  // A deferred join: the page's refs come from the sort's index alone (an
  // index-only scan, even 25,000 rows deep), and only those 50 rows are
  // then read whole. Sorting whole rows made PostgreSQL sort the table.
  const pageRefs = orderBy(
    filteredScorecards(knex, query, scope).select('entity_ref'),
    sort,
    order,
  )
    .limit(limit)
    .offset(offset);
  const [total, rows] = await Promise.all([
    countMatching(knex, query, scope, aggregates),
    orderBy(
      knex(SCORECARDS)
        .select(...SUMMARY_COLUMNS)
        .whereIn('entity_ref', pageRefs),
      sort,
      order,
    ),
  ]);
  return {
    items: (rows as ScorecardSummaryRow[]).map(row => {
      const { staleReason: _, ...overviewRow } = summaryFromRow(row);
      return overviewRow;
    }),
    total,
    limit,
    offset,
  };
}

/** Counts of a set of entities, summed from rows grouped by level. */
interface LevelTotals {
  entities: number;
  ready: number;
  scoreSum: number;
  levels: LevelCounts;
}

/** Selects entities, score sum and production-ready count per group. */
function levelAggregates(knex: Knex, table: string): Knex.QueryBuilder {
  return knex(table)
    .count({ entities: '*' })
    .sum({ score_sum: 'score' })
    .sum({ ready: knex.raw('CASE WHEN production_ready THEN 1 ELSE 0 END') });
}

/** Folds aggregate rows into totals per key, one row per key and level. */
function totalsBy(
  rows: Array<Record<string, unknown>>,
  keyOf: (row: Record<string, unknown>) => string,
): Map<string, LevelTotals> {
  const totals = new Map<string, LevelTotals>();
  for (const row of rows) {
    const key = keyOf(row);
    const current = totals.get(key) ?? {
      entities: 0,
      ready: 0,
      scoreSum: 0,
      levels: emptyLevelCounts(),
    };
    const entities = Number(row.entities);
    current.entities += entities;
    current.ready += Number(row.ready);
    current.scoreSum += Number(row.score_sum);
    current.levels[row.level as ReadinessLevel] += entities;
    totals.set(key, current);
  }
  return totals;
}

function sharesOf({ entities, ready, scoreSum, levels }: LevelTotals) {
  return {
    entities,
    levels,
    productionReadyShare: entities ? ready / entities : 0,
    meanScore: entities ? Math.round(scoreSum / entities) : 0,
  };
}

export async function adoptionByOwner(
  knex: Knex,
  scope: EntityScope,
): Promise<OwnerAdoption[]> {
  const rows = await whereInScope(
    knex,
    levelAggregates(knex, SCORECARDS)
      .select('owner', 'level')
      .groupBy('owner', 'level'),
    'entity_ref',
    scope,
  );
  const byOwner = totalsBy(
    rows,
    row => (row.owner as string | null) || NO_OWNER,
  );
  return [...byOwner]
    .map(([owner, totals]) => ({ owner, ...sharesOf(totals) }))
    .sort(
      (a, b) =>
        a.productionReadyShare - b.productionReadyShare ||
        a.owner.localeCompare(b.owner),
    );
}

export async function failingCheckTallies(
  knex: Knex,
  scope: EntityScope,
): Promise<CheckFailureTally[]> {
  const rows: Array<Record<string, unknown>> = await whereInScope(
    knex,
    knex('readiness_failing_checks')
      .select('check_id')
      .count({ failing: '*' })
      .groupBy('check_id')
      .orderBy([
        { column: 'failing', order: 'desc' },
        { column: 'check_id', order: 'asc' },
      ]),
    'entity_ref',
    scope,
  );
  return rows.map(row => ({
    check: String(row.check_id),
    failingEntities: Number(row.failing),
  }));
}

/**
 * Recomputes the sums of one day in `readiness_daily_totals` from that day's
 * rows, every level written (zeros included) so a level that emptied does
 * not keep an old count. An upsert, so replicas writing at once agree.
 */
export async function refreshDailyTotals(
  knex: Knex,
  day: string,
): Promise<void> {
  const rows = await levelAggregates(knex, 'readiness_daily')
    .select('level')
    .where('day', day)
    .groupBy('level');
  const byLevel = totalsBy(rows, row => String(row.level));
  await knex('readiness_daily_totals')
    .insert(
      LEVELS_ASCENDING.map(level => {
        const totals = byLevel.get(level);
        return {
          day,
          level,
          entities: totals?.entities ?? 0,
          score_sum: totals?.scoreSum ?? 0,
          ready: totals?.ready ?? 0,
        };
      }),
    )
    .onConflict(['day', 'level'])
    .merge();
}

/**
 * The organisation per UTC day. Over every entity it reads the daily sums
 * (a few rows a day); over the entities of a narrower scope it adds up
 * their daily rows, which costs a row per entity and day.
 */
export async function organisationTrend(
  knex: Knex,
  since: Date,
  scope: EntityScope,
): Promise<OrganisationTrendPoint[]> {
  const rows =
    scope.type === 'all'
      ? await knex('readiness_daily_totals')
          .select('day', 'level', 'entities', 'score_sum', 'ready')
          .where('day', '>=', utcDay(since))
          .where('entities', '>', 0)
      : await whereInScope(
          knex,
          levelAggregates(knex, 'readiness_daily')
            .select('day', 'level')
            .where('day', '>=', utcDay(since))
            .groupBy('day', 'level'),
          'entity_ref',
          scope,
        );
  const byDay = totalsBy(rows, row => String(row.day));
  return [...byDay]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, totals]) => ({ day, ...sharesOf(totals) }));
}
