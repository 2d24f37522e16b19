// @ts-check

/**
 * Notifications sent, by key, so that each is sent once across cycles and
 * replicas: the replica whose insert wins sends it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_notification_log', table => {
    table.comment('Each notification the plugin has sent, by its key');
    table
      .string('key_hash', 64)
      .primary()
      .notNullable()
      .comment(
        'SHA-256 of the key, hex: keys can be longer than an index allows',
      );
    table.text('notification_key').notNullable();
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.index(['sent_at'], 'readiness_notification_log_sent_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('readiness_notification_log');
};
