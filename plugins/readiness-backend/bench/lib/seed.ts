/**
 * Fills the store for sizes a full cycle cannot reach on one machine: real
 * reports, made by the engine (`scoreEntity`, as a cycle does) for synthetic
 * workloads, saved through the store, and 90 days of history before them.
 */
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  LEVELS_ASCENDING,
  ReadinessLevel,
} from '@prodready/backstage-plugin-readiness-common';
import { Knex } from 'knex';
import { readBackendConfig } from '../../src/config/backendConfig';
import { DatabaseReadinessStore } from '../../src/database/DatabaseReadinessStore';
import { refreshDailyTotals } from '../../src/database/overviewQueries';
import { ScorecardWrite } from '../../src/database/ReadinessStore';
import { SourceIndex } from '../../src/evaluation/SourceIndex';
import { SourceState } from '../../src/evaluation/SourceSnapshots';
import { scoreEntity } from '../../src/evaluation/scoreEntity';
import { component } from './catalog';
import { CLUSTERS, syntheticWorkloads, WORKLOADS_PER_ENTITY } from './clusters';
import { random } from './load';

/** Entities scored and saved at a time. */
const SEED_BATCH = 1_000;
const HISTORY_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Entities whose past goes in with one statement. */
const PAST_BATCH = 5_000;

export interface SeedFigures {
  entities: number;
  workloads: number;
  scoringMs: number;
  writeMs: number;
  historyMs: number;
  dailyRows: number;
  historyRows: number;
  levels: Record<ReadinessLevel, number>;
}

/**
 * Where the benchmark writes scorecards: the store's public save method,
 * kept in this one function so that a change of the store's API changes
 * only this.
 */
async function saveScorecards(
  knex: Knex,
  writes: ScorecardWrite[],
  now: Date,
): Promise<void> {
  await new DatabaseReadinessStore(knex).saveScorecards(writes, now);
}

/** One batch of entities with their workloads in one synthetic cluster. */
function scoreBatch(
  first: number,
  count: number,
  groups: number,
  now: Date,
): ScorecardWrite[] {
  const engine = readBackendConfig(new ConfigReader({})).engine;
  const cluster = `bench-${(first / SEED_BATCH) % CLUSTERS}`;
  const objects = syntheticWorkloads(
    count * WORKLOADS_PER_ENTITY,
    workload => first + Math.floor(workload / WORKLOADS_PER_ENTITY),
  );
  const sourceId = `cluster:${cluster}`;
  const state: SourceState = {
    source: { id: sourceId, read: async () => ({ objects: [] }) },
    cluster,
    index: new SourceIndex(
      sourceId,
      objects.map(object => ({ object, cluster })),
      cluster,
    ),
    readAt: now,
  };
  return Array.from({ length: count }, (_, offset) => {
    const entity = component(first + offset, groups);
    const { report } = scoreEntity(entity, {
      sources: [state],
      engine,
      now,
      ownerExists: true,
    });
    return {
      entityRef: stringifyEntityRef(entity),
      title: entity.metadata.title,
      owner: `group:default/${entity.spec!.owner}`,
      system: `system:default/${entity.spec!.system}`,
      report,
    };
  });
}

interface Latest {
  entityRef: string;
  score: number;
  level: ReadinessLevel;
  productionReady: boolean;
}

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
 * The HISTORY_DAYS - 1 days before `now`: each entity improved once, on a
 * day of its own, from a lower score and level to today's; its history has
 * a point at the start and one at the improvement. Written with SQL,
 * because the store records only the present; keep in step with the
 * migrations.
 */
async function seedHistory(
  knex: Knex,
  latest: Latest[],
  now: Date,
): Promise<{ dailyRows: number; historyRows: number }> {
  const pick = random(7);
  const pasts = latest.map((entity): Past => {
    const before =
      LEVELS_ASCENDING[Math.max(0, LEVELS_ASCENDING.indexOf(entity.level) - 1)];
    return {
      entity_ref: entity.entityRef,
      score: entity.score,
      level: entity.level,
      ready: entity.productionReady,
      before_score: Math.max(0, entity.score - 5 - Math.floor(pick() * 20)),
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
  // The daily sums the trend reads, as the store keeps them for today.
  for (let days = 1; days < HISTORY_DAYS; days++) {
    await refreshDailyTotals(knex, daysAgo(days).toISOString().slice(0, 10));
  }
  return {
    dailyRows: pasts.length * (HISTORY_DAYS - 1),
    historyRows: pasts.length * 2,
  };
}

/** Scores and stores `entities` Components owned by `groups` teams. */
export async function seedStore(
  knex: Knex,
  options: {
    entities: number;
    groups: number;
    progress: (line: string) => void;
  },
): Promise<SeedFigures> {
  const now = new Date();
  const latest: Latest[] = [];
  let scoringMs = 0;
  let writeMs = 0;
  for (let first = 0; first < options.entities; first += SEED_BATCH) {
    const count = Math.min(SEED_BATCH, options.entities - first);
    let started = Date.now();
    const writes = scoreBatch(first, count, options.groups, now);
    scoringMs += Date.now() - started;
    started = Date.now();
    await saveScorecards(knex, writes, now);
    writeMs += Date.now() - started;
    for (const { entityRef, report } of writes) {
      const { score, level, productionReady } = report.summary;
      latest.push({ entityRef, score, level, productionReady });
    }
    if ((first + count) % 10_000 === 0 || first + count === options.entities) {
      options.progress(`scored and saved ${first + count} entities`);
    }
  }
  const started = Date.now();
  const { dailyRows, historyRows } = await seedHistory(knex, latest, now);
  const historyMs = Date.now() - started;

  const levels = Object.fromEntries(
    LEVELS_ASCENDING.map(level => [level, 0]),
  ) as Record<ReadinessLevel, number>;
  latest.forEach(entity => levels[entity.level]++);
  return {
    entities: options.entities,
    workloads: options.entities * WORKLOADS_PER_ENTITY,
    scoringMs,
    writeMs,
    historyMs,
    dailyRows,
    historyRows,
    levels,
  };
}
