// @ts-check

/**
 * Drift between Git and the cluster, kept with each scorecard: the list of
 * drifting workloads as the scorecard route serves it, and their number for
 * the overview's column and its `drift=true` filter. Both stay NULL when Git
 * and a cluster were not both read for the entity (nothing was compared).
 *
 * Few entities drift at once, so the filter reads a partial index of the
 * drifting ones rather than the table (PostgreSQL and SQLite; elsewhere it
 * scans).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('readiness_scorecards', table => {
    table
      .text('drift', 'longtext')
      .nullable()
      .comment('WorkloadDrift[] as JSON; NULL when not compared');
    table
      .integer('drift_count')
      .nullable()
      .comment('Entries of drift; NULL when not compared');
  });
  if (hasPartialIndexes(knex)) {
    await knex.schema.alterTable('readiness_scorecards', table => {
      table.index(['entity_ref'], 'readiness_scorecards_drifting_idx', {
        predicate: knex.whereRaw('drift_count > 0'),
      });
    });
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (hasPartialIndexes(knex)) {
    await knex.schema.alterTable('readiness_scorecards', table => {
      table.dropIndex(['entity_ref'], 'readiness_scorecards_drifting_idx');
    });
  }
  await knex.schema.alterTable('readiness_scorecards', table => {
    table.dropColumn('drift');
    table.dropColumn('drift_count');
  });
};

/** @param {import('knex').Knex} knex */
function hasPartialIndexes(knex) {
  const client = String(knex.client.config.client);
  return client === 'pg' || client.includes('sqlite');
}
