import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@prodready/backstage-plugin-readiness-backend',
  'migrations',
);

/** Brings the plugin's database schema up to date. */
export async function applyDatabaseMigrations(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDir });
}

/** Applies the next migration only; tests use it to check a data change. */
export async function applyNextDatabaseMigration(knex: Knex): Promise<void> {
  await knex.migrate.up({ directory: migrationsDir });
}

/** Undoes the latest migration only. */
export async function rollbackLastDatabaseMigration(knex: Knex): Promise<void> {
  await knex.migrate.down({ directory: migrationsDir });
}

/** Undoes every migration; used by tests to prove each one reverses cleanly. */
export async function rollbackDatabaseMigrations(knex: Knex): Promise<void> {
  await knex.migrate.rollback({ directory: migrationsDir }, true);
}
