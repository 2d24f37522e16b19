// @ts-check

/**
 * The readiness store: the latest scorecard per entity, its history (a
 * point per change, and one row per entity and day for trends), and a log
 * of each source's runs.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_scorecards', table => {
    table.comment('The latest readiness scorecard of each catalog entity');
    table.string('entity_ref', 255).primary().notNullable();
    table.string('title', 255).nullable();
    table.string('owner', 255).nullable().index();
    table.string('system', 255).nullable().index();
    table.integer('score').notNullable();
    table.string('level', 16).notNullable().index();
    table.boolean('production_ready').notNullable();
    table.integer('workload_count').notNullable().defaultTo(0);
    table
      .text('failing_checks')
      .notNullable()
      .comment('JSON array of the ids of failing checks');
    table
      .text('report', 'longtext')
      .notNullable()
      .comment('ReadinessReport as JSON');
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.boolean('stale').notNullable().defaultTo(false);
    table.text('stale_reason').nullable();
  });

  await knex.schema.createTable('readiness_history', table => {
    table.comment(
      'A point each time an entity score, level or verdict changes',
    );
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table.integer('score').notNullable();
    table.string('level', 16).notNullable();
    table.boolean('production_ready').notNullable();
    table.index(
      ['entity_ref', 'recorded_at'],
      'readiness_history_entity_time_idx',
    );
  });

  await knex.schema.createTable('readiness_daily', table => {
    table.comment('The last score of each entity on each UTC day, for trends');
    table.string('entity_ref', 255).notNullable();
    table.string('day', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table.integer('score').notNullable();
    table.string('level', 16).notNullable();
    table.boolean('production_ready').notNullable();
    table.primary(['entity_ref', 'day']);
    table.index(['day'], 'readiness_daily_day_idx');
  });

  await knex.schema.createTable('readiness_source_runs', table => {
    table.comment('One row per read of a workload source');
    table.bigIncrements('id').primary();
    table.string('source', 255).notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.integer('duration_ms').notNullable();
    table.integer('object_count').notNullable();
    table.text('errors').nullable().comment('JSON array of error messages');
    table.text('warnings').nullable().comment('JSON array of warnings');
    table.index(
      ['source', 'started_at'],
      'readiness_source_runs_source_time_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('readiness_source_runs');
  await knex.schema.dropTable('readiness_daily');
  await knex.schema.dropTable('readiness_history');
  await knex.schema.dropTable('readiness_scorecards');
};
