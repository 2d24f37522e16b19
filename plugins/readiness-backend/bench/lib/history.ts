/**
 * 90 days of trend for the stored scorecards: the store records only the
 * present (a daily point and a history point when a scorecard is saved), so
 * the days before today are written with SQL. Keep in step with the
 * migrations.
 */
import {
  LEVELS_ASCENDING,
  ReadinessLevel,
} from '@prodready/backstage-plugin-readiness-common';
import { Knex } from 'knex';
import { refreshDailyTotals } from '../../src/database/overviewQueries';
import { random } from './load';

const HISTORY_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Entities whose past goes in with one statement. */
const PAST_BATCH = 5_000;

/** An entity's past: one improvement, from `before` to its present. */
interface Past {
  entity_ref: string;
  score: number;
  level: ReadinessLevel;
  ready: boolean;
  before_score: number;
  before_level: ReadinessLevel;
  before_ready: boolean;
  /** Days before today when it improved; older days show `before`. */
  improved: number;
}

const PAST_COLUMNS = {
  entity_ref: 'text',
  score: 'integer',
  level: 'text',
  ready: 'boolean',
  before_score: 'integer',
  before_level: 'text',
  before_ready: 'boolean',
  improved: 'integer',
};

export interface PastFigures {
  dailyRows: number;
  historyRows: number;
  /** Stored scorecards per level. */
  levels: Record<ReadinessLevel, number>;
}

/**
 * One daily row per entity for each of the HISTORY_DAYS - 1 days before
 * `today`, made by the database from one JSON row per entity (90 times
 * fewer values to send than rows).
 */
async function insertDailyRows(knex: Knex, pasts: Past[], today: string) {
  const days = HISTORY_DAYS - 1;
  const pick = (column: string) =>
    `CASE WHEN d.n >= e.improved THEN e.before_${column} ELSE e.${column} END`;
  if (String(knex.client.config.client).startsWith('p')) {
    const types = Object.entries(PAST_COLUMNS)
      .map(([name, type]) => `${name} ${type}`)
      .join(', ');
    await knex.raw(
      `INSERT INTO readiness_daily (entity_ref, day, score, level, production_ready)
       SELECT e.entity_ref, to_char(?::date - d.n, 'YYYY-MM-DD'),
         ${pick('score')}, ${pick('level')}, ${pick('ready')}
       FROM json_to_recordset(?::json) AS e(${types})
       CROSS JOIN generate_series(1, ?) AS d(n)`,
      [today, JSON.stringify(pasts), days],
    );
    return;
  }
  const field = (name: string) => `json_extract(j.value, '$.${name}')`;
  const entities = Object.keys(PAST_COLUMNS)
    .map(name => `${field(name)} AS ${name}`)
    .join(', ');
  await knex.raw(
    `WITH RECURSIVE d(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM d WHERE n < ?),
       e AS (SELECT ${entities} FROM json_each(?) AS j)
     INSERT INTO readiness_daily (entity_ref, day, score, level, production_ready)
     SELECT e.entity_ref, date(?, '-' || d.n || ' days'),
       ${pick('score')}, ${pick('level')}, ${pick('ready')}
     FROM e CROSS JOIN d`,
    [days, JSON.stringify(pasts), today],
  );
}

/**
 * The HISTORY_DAYS - 1 days before `now` for every stored scorecard: each
 * entity improved once, on a day of its own, from a lower score and level
 * to today's; its history has a point at the start and one at the
 * improvement.
 */
export async function seedPastDays(
  knex: Knex,
  now: Date,
): Promise<PastFigures> {
  const pick = random(7);
  const stored: Array<{
    entity_ref: string;
    score: number;
    level: ReadinessLevel;
    production_ready: boolean | number;
  }> = await knex('readiness_scorecards')
    .select('entity_ref', 'score', 'level', 'production_ready')
    .orderBy('entity_ref');
  const pasts = stored.map((row): Past => {
    const before =
      LEVELS_ASCENDING[Math.max(0, LEVELS_ASCENDING.indexOf(row.level) - 1)];
    return {
      entity_ref: row.entity_ref,
      score: Number(row.score),
      level: row.level,
      ready: Boolean(row.production_ready),
      before_score: Math.max(
        0,
        Number(row.score) - 5 - Math.floor(pick() * 20),
      ),
      before_level: before,
      before_ready: before === 'silver' || before === 'gold',
      improved: 1 + Math.floor(pick() * (HISTORY_DAYS - 1)),
    };
  });
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
  for (let start = 0; start < pasts.length; start += PAST_BATCH) {
    const batch = pasts.slice(start, start + PAST_BATCH);
    await insertDailyRows(knex, batch, now.toISOString().slice(0, 10));
    await knex.batchInsert(
      'readiness_history',
      batch.flatMap(past => [
        {
          entity_ref: past.entity_ref,
          recorded_at: daysAgo(HISTORY_DAYS - 1),
          score: past.before_score,
          level: past.before_level,
          production_ready: past.before_ready,
        },
        {
          entity_ref: past.entity_ref,
          recorded_at: daysAgo(past.improved - 0.5),
          score: past.score,
          level: past.level,
          production_ready: past.ready,
        },
      ]),
      // SQLite makes a multi-row insert a compound SELECT of at most 500.
      500,
    );
  }
  // The daily sums the trend reads over every entity, as the store keeps
  // them for the days it writes.
  for (let days = 1; days < HISTORY_DAYS; days++) {
    await refreshDailyTotals(knex, daysAgo(days).toISOString().slice(0, 10));
  }
  const levels = Object.fromEntries(
    LEVELS_ASCENDING.map(level => [level, 0]),
  ) as Record<ReadinessLevel, number>;
  pasts.forEach(past => levels[past.level]++);
  return {
    dailyRows: pasts.length * (HISTORY_DAYS - 1),
    historyRows: pasts.length * 2,
    levels,
  };
}
