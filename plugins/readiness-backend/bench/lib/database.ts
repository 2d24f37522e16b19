/**
 * The database a benchmark backend runs on: PostgreSQL when a
 * `BACKSTAGE_TEST_DATABASE_POSTGRES<NN>_CONNECTION_STRING` is set (and
 * READINESS_BENCH_DATABASE is not `sqlite`), else SQLite in memory.
 */
import { JsonObject } from '@backstage/types';
import knexFactory from 'knex';
import { fmt } from './output';

export interface BenchDatabase {
  description: string;
  /** `backend.database`, or undefined for the test backend's SQLite. */
  config?: JsonObject;
  /** What the readiness tables hold, when the database can tell. */
  storage(): Promise<string | undefined>;
  /** Drops what the run created. */
  cleanUp(): Promise<void>;
}

/** A database of its own for each backend; `label` tells them apart. */
export function chooseDatabase(label: string): BenchDatabase {
  const variables = Object.keys(process.env)
    .map(name => ({
      name,
      version: /^BACKSTAGE_TEST_DATABASE_POSTGRES(\d+)_CONNECTION_STRING$/.exec(
        name,
      )?.[1],
    }))
    .filter(found => found.version && process.env[found.name])
    .sort((a, b) => Number(b.version) - Number(a.version));
  if (
    variables.length === 0 ||
    process.env.READINESS_BENCH_DATABASE === 'sqlite'
  ) {
    return {
      description: 'SQLite in memory (better-sqlite3)',
      storage: async () => undefined,
      cleanUp: async () => {},
    };
  }
  const { name, version } = variables[0];
  const connection = process.env[name]!;
  // One database per plugin, named <prefix><pluginId>, dropped at the end.
  const prefix = `readiness_bench_${process.pid}_${label}_`;
  return {
    description: `PostgreSQL ${version} (${name}), ${
      connection.includes('%2F') ? 'over its Unix socket' : 'over TCP'
    }`,
    config: { client: 'pg', connection, prefix },
    async storage() {
      let url: URL;
      try {
        url = new URL(connection);
      } catch {
        return undefined; // a key=value connection string
      }
      url.pathname = `/${prefix}readiness`;
      const plugin = knexFactory({ client: 'pg', connection: url.toString() });
      try {
        const [row] = (
          await plugin.raw(
            `SELECT pg_total_relation_size('readiness_scorecards') AS bytes,
              pg_total_relation_size('readiness_daily') AS daily_bytes,
              (SELECT count(*) FROM readiness_scorecards) AS scorecards,
              (SELECT count(*) FROM readiness_history) AS history,
              (SELECT count(*) FROM readiness_daily) AS daily`,
          )
        ).rows;
        return (
          `${fmt(Number(row.scorecards))} scorecards in ` +
          `${fmt(Number(row.bytes) / 2 ** 20)} MiB (table, TOAST and ` +
          `indexes); ${fmt(Number(row.history))} history rows; ` +
          `${fmt(Number(row.daily))} daily rows in ` +
          `${fmt(Number(row.daily_bytes) / 2 ** 20)} MiB`
        );
      } finally {
        await plugin.destroy();
      }
    },
    async cleanUp() {
      const admin = knexFactory({ client: 'pg', connection });
      try {
        const rows: Array<{ datname: string }> = await admin('pg_database')
          .select('datname')
          .where('datname', 'like', `${prefix}%`);
        for (const { datname } of rows) {
          await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [datname]);
        }
      } finally {
        await admin.destroy();
      }
    },
  };
}
