/**
 * Test helpers for running two replicas of a real backend on one PostgreSQL
 * database: the database to share, a root logger that keeps what the test
 * waits for, and an entity provider the test can change.
 */
import {
  LoggerService,
  RootLoggerService,
} from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { JsonObject } from '@backstage/types';
import knexFactory from 'knex';

const POSTGRES_VARIABLE =
  /^BACKSTAGE_TEST_DATABASE_POSTGRES(\d+)_CONNECTION_STRING$/;

/**
 * The newest PostgreSQL a connection string is configured for, as a
 * TestDatabases id (`POSTGRES_15`), or undefined when there is none.
 */
export function configuredPostgresId(): TestDatabaseId | undefined {
  const versions = Object.keys(process.env)
    .filter(name => process.env[name])
    .map(name => POSTGRES_VARIABLE.exec(name)?.[1])
    .filter((version): version is string => version !== undefined)
    .map(Number)
    .sort((a, b) => b - a);
  return versions.length > 0
    ? (`POSTGRES_${versions[0]}` as TestDatabaseId)
    : undefined;
}

/**
 * A fresh, empty PostgreSQL database, as the `connection` of
 * `backend.database`. Throws (and so fails the test, never skips it) when no
 * PostgreSQL server is configured.
 */
export async function sharedPostgresConnection(
  databases: TestDatabases,
  id: TestDatabaseId | undefined,
): Promise<JsonObject> {
  if (!id) {
    throw new Error(
      'These tests need PostgreSQL: set BACKSTAGE_TEST_DATABASE_POSTGRES<NN>_CONNECTION_STRING ' +
        '(scripts/test.sh does when a server runs on 127.0.0.1:5432)',
    );
  }
  const knex = await databases.init(id);
  const connection = knex.client.config.connection as Record<string, unknown>;
  await knex.destroy();
  // Config values must be JSON; the parsed connection string leaves unset
  // fields null or undefined.
  return Object.fromEntries(
    Object.entries(connection).filter(
      ([, value]) => value !== null && value !== undefined,
    ),
  ) as JsonObject;
}

/**
 * Closes what stopped backends leave connected to the shared database
 * (their database service keeps its PostgreSQL pools open), so that
 * TestDatabases can drop it.
 */
export async function disconnectEveryone(connection: JsonObject) {
  const admin = knexFactory({
    client: 'pg',
    connection: { ...connection, database: 'postgres' },
  });
  try {
    await admin.raw(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()',
      [String(connection.database)],
    );
  } finally {
    await admin.destroy();
  }
}

/** A log line as a replica wrote it. */
export interface ReplicaLogEntry {
  replica: string;
  level: 'error' | 'warn' | 'info';
  message: string;
  fields: JsonObject;
  at: number;
}

/**
 * A root logger that appends every entry but debug ones, tagged with the
 * replica's name, to a list shared by the replicas.
 */
export class ReplicaLogger implements RootLoggerService {
  constructor(
    private readonly replica: string,
    private readonly entries: ReplicaLogEntry[],
    private readonly fields: JsonObject = {},
  ) {}

  error(message: string, meta?: Error | JsonObject) {
    this.add('error', message, meta);
  }
  warn(message: string, meta?: Error | JsonObject) {
    this.add('warn', message, meta);
  }
  info(message: string, meta?: Error | JsonObject) {
    this.add('info', message, meta);
  }
  debug() {}
  child(meta: JsonObject): LoggerService {
    return new ReplicaLogger(this.replica, this.entries, {
      ...this.fields,
      ...meta,
    });
  }

  private add(
    level: ReplicaLogEntry['level'],
    message: string,
    meta?: Error | JsonObject,
  ) {
    this.entries.push({
      replica: this.replica,
      level,
      message: String(message),
      fields:
        meta instanceof Error
          ? { ...this.fields, error: meta.message }
          : { ...this.fields, ...meta },
      at: Date.now(),
    });
  }
}

/** Provides the entities it is given, replacing all it gave before. */
export class ReplaceableEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(private entities: Entity[]) {}

  getProviderName() {
    return 'replica-test-entities';
  }

  async connect(connection: EntityProviderConnection) {
    this.connection = connection;
    await this.provide(this.entities);
  }

  async provide(entities: Entity[]) {
    this.entities = entities;
    if (!this.connection) {
      throw new Error('The catalog has not connected the test provider');
    }
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: this.getProviderName(),
      })),
    });
  }
}

/** Resolves once `check` returns a value other than undefined. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}
