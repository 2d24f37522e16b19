// @ts-check

/**
 * Campaigns: the ones made through the API, a daily progress point per
 * campaign, and what a campaign's progress is computed from without
 * reading any report.
 *
 * A campaign's target filters on owner, system, kind, lifecycle and tags,
 * and its tally needs each entity's failing and exempt checks. Owner and
 * system were already columns of the scorecard; kind, lifecycle and tags
 * join them, written by each evaluation from the entity, and exempt checks
 * get a table of their own next to readiness_failing_checks. Progress is
 * then one grouped query over indexed rows, which stays cheap at 50,000
 * entities, where parsing the reports per request would not. A separate
 * membership table per campaign would need rewriting whenever a campaign
 * is created or changed through the API; the columns serve any target at
 * once. Rows scored before this migration get the columns at the next cycle.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('readiness_scorecards', table => {
    table
      .string('kind', 255)
      .notNullable()
      .defaultTo('')
      .comment('Kind of the entity, lower-cased');
    table
      .string('lifecycle', 255)
      .notNullable()
      .defaultTo('')
      .comment('spec.lifecycle of the entity; empty when it has none');
    table
      .text('tags')
      .notNullable()
      .defaultTo('')
      .comment(
        'metadata.tags of the entity as ,a,b, (tags hold no comma); empty when none',
      );
  });

  await knex.schema.createTable('readiness_exempt_checks', table => {
    table.comment(
      'Each check an entity is exempt from and does not fail anywhere in its scorecard',
    );
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 255).notNullable();
    table.primary(['entity_ref', 'check_id']);
    table.index(['check_id'], 'readiness_exempt_checks_check_idx');
  });

  await knex.schema.createTable('readiness_campaigns', table => {
    table.comment(
      'Campaigns made through the API; those from configuration are not stored',
    );
    table.string('id', 63).primary().notNullable();
    table
      .text('definition')
      .notNullable()
      .comment('CampaignDefinition as JSON');
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('readiness_campaign_progress', table => {
    table.comment(
      'The tally of a campaign over every entity in its scope at the end of each UTC day: its burndown',
    );
    table.string('campaign_id', 63).notNullable();
    table.string('day', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table.integer('in_scope').notNullable();
    table.integer('passing').notNullable();
    table.integer('failing').notNullable();
    table.integer('exempt').notNullable();
    table.primary(['campaign_id', 'day']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('readiness_campaign_progress');
  await knex.schema.dropTable('readiness_campaigns');
  await knex.schema.dropTable('readiness_exempt_checks');
  await knex.schema.alterTable('readiness_scorecards', table => {
    table.dropColumn('tags');
    table.dropColumn('lifecycle');
    table.dropColumn('kind');
  });
};
