// @ts-check

/**
 * Every sort of the overview reads an index instead of sorting the table:
 * the level is stored as a rank, the text columns hold '' rather than NULL
 * (so an empty value sorts first without an expression; the columns stay
 * nullable so that a replica still running the previous version can write
 * during a rolling upgrade), and search reads one lower-cased column, with a
 * trigram index on PostgreSQL when the database lets the plugin create the
 * pg_trgm extension.
 */

const LEVEL_RANKS = { none: 0, bronze: 1, silver: 2, gold: 3 };
const TEXT_COLUMNS = ['title', 'owner', 'system'];

/** @param {import('knex').Knex} knex */
function levelRankSql(knex) {
  return knex.raw(
    `CASE level ${Object.entries(LEVEL_RANKS)
      .map(([level, rank]) => `WHEN '${level}' THEN ${rank}`)
      .join(' ')} ELSE 0 END`,
  );
}

/** @param {import('knex').Knex} knex */
function searchTextSql(knex) {
  const parts = ['entity_ref', ...TEXT_COLUMNS].map(
    column => `LOWER(COALESCE(${column}, ''))`,
  );
  return knex.raw(parts.join(` || '\n' || `));
}

/**
 * Creates pg_trgm if it is there to create. It is a trusted extension since
 * PostgreSQL 13, so a database owner may create it; where the plugin's user
 * may not, search still works, by scanning. The attempt runs in a savepoint
 * so that a refusal does not abort the migration's transaction.
 *
 * @param {import('knex').Knex} knex
 * @returns {Promise<boolean>} whether the extension is usable
 */
async function tryTrigramExtension(knex) {
  const available = await knex.raw(
    `SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'`,
  );
  if (available.rows.length === 0) return false;
  try {
    await knex.transaction(async savepoint => {
      await savepoint.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    });
    return true;
  } catch {
    return false;
  }
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('readiness_scorecards', table => {
    table.integer('level_rank').notNullable().defaultTo(0);
    table
      .text('search_text')
      .notNullable()
      .defaultTo('')
      .comment('entity_ref, title, owner and system, lower-cased, for q=');
  });
  /** @type {Record<string, import('knex').Knex.Raw>} */
  const fill = {
    level_rank: levelRankSql(knex),
    search_text: searchTextSql(knex),
  };
  for (const column of TEXT_COLUMNS) {
    fill[column] = knex.raw(`COALESCE(${column}, '')`);
  }
  await knex('readiness_scorecards').update(fill);

  await knex.schema.alterTable('readiness_scorecards', table => {
    table.dropIndex(['title'], 'readiness_scorecards_title_idx');
    table.dropIndex(['owner']);
    table.dropIndex(['system']);
    table.dropIndex(['level']);
    table.dropIndex(['evaluated_at'], 'readiness_scorecards_evaluated_idx');
    // The sort column, then the tie-break: each sort reads one index.
    for (const column of ['level_rank', 'evaluated_at', ...TEXT_COLUMNS]) {
      table.index(
        [column, 'entity_ref'],
        `readiness_scorecards_${column}_sort_idx`,
      );
    }
    table.index(['level', 'score'], 'readiness_scorecards_level_score_idx');
  });

  if (knex.client.config.client === 'pg' && (await tryTrigramExtension(knex))) {
    await knex.raw(
      'CREATE INDEX readiness_scorecards_search_idx ON readiness_scorecards USING gin (search_text gin_trgm_ops)',
    );
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client === 'pg') {
    await knex.raw('DROP INDEX IF EXISTS readiness_scorecards_search_idx');
  }
  await knex.schema.alterTable('readiness_scorecards', table => {
    for (const column of ['level_rank', 'evaluated_at', ...TEXT_COLUMNS]) {
      table.dropIndex(
        [column, 'entity_ref'],
        `readiness_scorecards_${column}_sort_idx`,
      );
    }
    table.dropIndex(['level', 'score'], 'readiness_scorecards_level_score_idx');
    table.dropColumn('level_rank');
    table.dropColumn('search_text');
  });
  for (const column of TEXT_COLUMNS) {
    await knex('readiness_scorecards')
      .where(column, '')
      .update({ [column]: null });
  }
  await knex.schema.alterTable('readiness_scorecards', table => {
    table.index(['title'], 'readiness_scorecards_title_idx');
    table.index(['owner']);
    table.index(['system']);
    table.index(['level']);
    table.index(['evaluated_at'], 'readiness_scorecards_evaluated_idx');
  });
};
