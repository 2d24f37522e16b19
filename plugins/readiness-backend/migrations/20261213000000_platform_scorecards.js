// @ts-check

/**
 * Platform readiness: the latest scorecard of each cluster the backend
 * reads, and its history (a point per change, and the first evaluation of
 * each UTC day, with each check's status for the overview's matrix).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_platform_scorecards', table => {
    table.comment('The latest platform readiness scorecard of each cluster');
    table.string('cluster', 255).primary().notNullable();
    table
      .string('entity_ref', 255)
      .nullable()
      .comment(
        'The cluster entity (Resource of type kubernetes-cluster), if any',
      );
    table.string('title', 255).nullable();
    table.integer('score').notNullable();
    table.string('level', 16).notNullable();
    table.boolean('production_ready').notNullable();
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.boolean('stale').notNullable().defaultTo(false);
    table.text('stale_reason').nullable();
    table
      .text('report', 'longtext')
      .notNullable()
      .comment('PlatformReport as JSON');
  });

  await knex.schema.createTable('readiness_platform_history', table => {
    table.comment(
      'A point each time a cluster platform score, level, verdict or check statuses change, and daily',
    );
    table.bigIncrements('id').primary();
    table.string('cluster', 255).notNullable();
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table.integer('score').notNullable();
    table.string('level', 16).notNullable();
    table.boolean('production_ready').notNullable();
    table
      .text('statuses')
      .notNullable()
      .comment('JSON object: check id to status');
    table.index(
      ['cluster', 'recorded_at'],
      'readiness_platform_history_cluster_time_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('readiness_platform_history');
  await knex.schema.dropTable('readiness_platform_scorecards');
};
