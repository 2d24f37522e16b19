// @ts-check

/**
 * The overview is filtered, sorted, paged and counted in SQL: failing checks
 * move from a JSON column to a table of their own (so "which checks fail
 * most" is a GROUP BY), and the sorts the overview offers get indexes.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_failing_checks', table => {
    table.comment('Each check that fails somewhere in an entity scorecard');
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 255).notNullable();
    table.primary(['entity_ref', 'check_id']);
    table.index(['check_id'], 'readiness_failing_checks_check_idx');
  });

  await knex.schema.createTable('readiness_daily_totals', table => {
    table.comment(
      'Per UTC day and level, the sums over every entity of readiness_daily, ' +
        'so the organisation trend reads a few hundred rows, not millions',
    );
    table.string('day', 10).notNullable();
    table.string('level', 16).notNullable();
    table.integer('entities').notNullable();
    table.bigInteger('score_sum').notNullable();
    table.integer('ready').notNullable();
    table.primary(['day', 'level']);
  });
  await knex
    .insert(
      knex('readiness_daily')
        .select('day', 'level')
        .count({ entities: '*' })
        .sum({ score_sum: 'score' })
        .sum({
          ready: knex.raw('CASE WHEN production_ready THEN 1 ELSE 0 END'),
        })
        .groupBy('day', 'level'),
    )
    .into(
      knex.raw('?? (??, ??, ??, ??, ??)', [
        'readiness_daily_totals',
        'day',
        'level',
        'entities',
        'score_sum',
        'ready',
      ]),
    );

  const rows = await knex('readiness_scorecards').select(
    'entity_ref',
    'failing_checks',
  );
  const failing = rows.flatMap(row =>
    /** @type {string[]} */ (JSON.parse(row.failing_checks)).map(check => ({
      entity_ref: row.entity_ref,
      check_id: check,
    })),
  );
  // Batches keep each statement under SQLite's limit of bound parameters.
  for (let start = 0; start < failing.length; start += 500) {
    await knex('readiness_failing_checks').insert(
      failing.slice(start, start + 500),
    );
  }

  await knex.schema.alterTable('readiness_scorecards', table => {
    table.dropColumn('failing_checks');
    table.index(['score', 'entity_ref'], 'readiness_scorecards_score_idx');
    table.index(['evaluated_at'], 'readiness_scorecards_evaluated_idx');
    table.index(['title'], 'readiness_scorecards_title_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('readiness_scorecards', table => {
    table.dropIndex(['score', 'entity_ref'], 'readiness_scorecards_score_idx');
    table.dropIndex(['evaluated_at'], 'readiness_scorecards_evaluated_idx');
    table.dropIndex(['title'], 'readiness_scorecards_title_idx');
    table
      .text('failing_checks')
      .notNullable()
      .defaultTo('[]')
      .comment('JSON array of the ids of failing checks');
  });
  const rows = await knex('readiness_failing_checks')
    .select('entity_ref', 'check_id')
    .orderBy(['entity_ref', 'check_id']);
  const byEntity = new Map();
  for (const row of rows) {
    byEntity.set(row.entity_ref, [
      ...(byEntity.get(row.entity_ref) ?? []),
      row.check_id,
    ]);
  }
  for (const [entityRef, checks] of byEntity) {
    await knex('readiness_scorecards')
      .where('entity_ref', entityRef)
      .update({ failing_checks: JSON.stringify(checks) });
  }
  await knex.schema.dropTable('readiness_failing_checks');
  await knex.schema.dropTable('readiness_daily_totals');
};
