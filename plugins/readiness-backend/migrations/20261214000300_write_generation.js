// @ts-check

/**
 * A counter the store raises in the same transaction as every write that
 * can change the overview's counts and aggregates (scorecards saved or
 * deleted). A replica keeps such an aggregate in memory with the counter it
 * was computed at, and reuses it only while the counter has not moved: one
 * primary-key read instead of a pass over every scorecard.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_write_generation', table => {
    table.comment('One row: how many times the scorecards have been written');
    table.integer('id').primary().notNullable();
    table.bigInteger('generation').notNullable();
  });
  await knex('readiness_write_generation').insert({ id: 1, generation: 0 });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('readiness_write_generation');
};
