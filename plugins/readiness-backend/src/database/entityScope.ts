import { Knex } from 'knex';
import { EntityScope } from './ReadinessStore';

/**
 * Limits a query to the entities of a scope. A list of refs is bound as one
 * parameter (an array on PostgreSQL, JSON on SQLite), so a caller who may
 * see 40,000 entities does not turn into 40,000 bound parameters, which
 * SQLite would refuse.
 */
export function whereInScope(
  knex: Knex,
  builder: Knex.QueryBuilder,
  column: string,
  scope: EntityScope,
): Knex.QueryBuilder {
  if (scope.type === 'all') return builder;
  if (scope.refs.length === 0) return builder.whereRaw('1 = 0');
  const client = String(knex.client.config.client);
  if (client === 'pg') {
    return builder.whereRaw('?? = ANY(?::text[])', [column, [...scope.refs]]);
  }
  if (client.includes('sqlite')) {
    return builder.whereRaw('?? IN (SELECT value FROM json_each(?))', [
      column,
      JSON.stringify(scope.refs),
    ]);
  }
  return builder.whereIn(column, [...scope.refs]);
}
