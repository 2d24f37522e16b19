/**
 * Whole-table aggregates (the overview's counts, adoption per owner, failing
 * checks per check) kept in memory, and reused only while the scorecards
 * have not been written since, on any replica.
 *
 * Every write that can change them raises `readiness_write_generation` in
 * its own transaction. A read first reads the generation, then computes:
 * a write that lands in between leaves a newer result under the older
 * generation, which the next read, seeing the newer one, replaces. So a
 * kept result is never older than the generation it is served for.
 */
import { Knex } from 'knex';

const TABLE = 'readiness_write_generation';
const DEFAULT_MAX_ENTRIES = 1000;

/** Raises the generation; call inside the transaction that writes. */
export async function raiseWriteGeneration(tx: Knex.Transaction) {
  await tx(TABLE).where('id', 1).increment('generation', 1);
}

async function readWriteGeneration(knex: Knex): Promise<string> {
  const row = await knex(TABLE).where('id', 1).first('generation');
  // bigint comes back as a string on PostgreSQL, a number on SQLite.
  return String(row?.generation ?? 0);
}

interface Kept {
  generation: string;
  value: unknown;
}

export class WriteGenerationCache {
  // Insertion order is recency: a hit is re-inserted, the oldest goes first.
  private readonly kept = new Map<string, Kept>();

  constructor(
    private readonly knex: Knex,
    private readonly maxEntries = DEFAULT_MAX_ENTRIES,
  ) {}

  /** The result of `compute` for `key`, reused while nothing was written. */
  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const generation = await readWriteGeneration(this.knex);
    const kept = this.kept.get(key);
    this.kept.delete(key);
    if (kept?.generation === generation) {
      this.kept.set(key, kept);
      return kept.value as T;
    }
    const value = await compute();
    this.kept.set(key, { generation, value });
    if (this.kept.size > this.maxEntries) {
      this.kept.delete(this.kept.keys().next().value!);
    }
    return value;
  }
}
