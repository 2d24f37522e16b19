/**
 * Which notifications have been sent, kept in the plugin's database so that
 * a notification goes out once however many cycles see its cause and
 * however many replicas run them. A sender claims the notification's key
 * first and sends only when the claim is new.
 */
import { createHash } from 'node:crypto';
import { Knex } from 'knex';

const TABLE = 'readiness_notification_log';

function hashOf(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export class NotificationLog {
  constructor(private readonly knex: Knex) {}

  /**
   * Records `key` as sent at `now`. True for exactly one caller per key, on
   * any replica; false when it was claimed before.
   */
  async claim(key: string, now: Date): Promise<boolean> {
    // An insert that ignores a conflict reports no row on every supported
    // database, where catching the unique violation would need each
    // driver's own error code.
    const inserted = await this.knex(TABLE)
      .insert({ key_hash: hashOf(key), notification_key: key, sent_at: now })
      .onConflict('key_hash')
      .ignore()
      .returning('key_hash');
    return inserted.length === 1;
  }

  /** Gives a claim back, when the notification could not be sent after all. */
  async release(key: string): Promise<void> {
    await this.knex(TABLE)
      .where({ key_hash: hashOf(key) })
      .delete();
  }

  /** Whether `key` has been claimed. */
  async has(key: string): Promise<boolean> {
    const row = await this.knex(TABLE)
      .where({ key_hash: hashOf(key) })
      .first('key_hash');
    return row !== undefined;
  }

  /** Forgets claims made before `before`. */
  async prune(before: Date): Promise<void> {
    await this.knex(TABLE).where('sent_at', '<', before).delete();
  }
}
