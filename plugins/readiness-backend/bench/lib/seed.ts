/**
 * Fills the store for sizes a full cycle cannot reach on one machine: real
 * reports, made by the engine (`scoreEntity`, as a cycle does) for synthetic
 * workloads, saved through the store, then 90 days of trend (history.ts).
 */
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { Knex } from 'knex';
import { readBackendConfig } from '../../src/config/backendConfig';
import { DatabaseReadinessStore } from '../../src/database/DatabaseReadinessStore';
import { ScorecardWrite } from '../../src/database/ReadinessStore';
import { SourceIndex } from '../../src/evaluation/SourceIndex';
import { SourceState } from '../../src/evaluation/SourceSnapshots';
import { scoreEntity } from '../../src/evaluation/scoreEntity';
import { component } from './catalog';
import { CLUSTERS, syntheticWorkloads, WORKLOADS_PER_ENTITY } from './clusters';
import { PastFigures, seedPastDays } from './history';

/** Entities scored and saved at a time. */
const SEED_BATCH = 1_000;

export interface SeedFigures {
  entities: number;
  workloads: number;
  scoringMs: number;
  writeMs: number;
  historyMs: number;
  /** The store's tidying after the writes, as after a cycle. */
  optimizeMs: number;
  past: PastFigures;
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
    if ((first + count) % 10_000 === 0 || first + count === options.entities) {
      options.progress(`scored and saved ${first + count} entities`);
    }
  }
  let started = Date.now();
  const past = await seedPastDays(knex, now);
  const historyMs = Date.now() - started;
  // What a cycle does once it has written (ReadinessEvaluator).
  started = Date.now();
  await new DatabaseReadinessStore(knex).optimizeForReads();
  const optimizeMs = Date.now() - started;

  return {
    entities: options.entities,
    workloads: options.entities * WORKLOADS_PER_ENTITY,
    scoringMs,
    writeMs,
    historyMs,
    optimizeMs,
    past,
  };
}
