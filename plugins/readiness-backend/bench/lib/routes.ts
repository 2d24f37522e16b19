/**
 * The routes put under load, and the load runs: each route with 1, 4 and
 * 16 clients, after a warm-up.
 */
import { componentName, groupName } from './catalog';
import { LoadResult, percentile, profiled, random, runLoad } from './load';
import { fmt, print, table } from './output';

export const CLIENT_COUNTS = [1, 4, 16];
/** Requests slower than this are given up and counted as errors. */
const REQUEST_TIMEOUT_MS = 30_000;
export const MOST_CLIENTS = CLIENT_COUNTS[CLIENT_COUNTS.length - 1];
const OVERVIEW_PAGE = 50;
const SORTS = ['score', 'level', 'title', 'owner', 'evaluatedAt'];

export interface LoadRoute {
  /** Shown in the tables; goals find routes by its start. */
  name: string;
  /** Short name for CPU profile files. */
  id: string;
  /** Paths (with query) the clients take in turn. */
  paths: string[];
}

export interface LoadFigures {
  route: string;
  routeId: string;
  concurrency: number;
  result: LoadResult;
}

/**
 * Scorecards of random entities; overview pages of 50 at random offsets
 * with a random sort, one in five searching (`q=`) and one in five for one
 * owner; the organisation views; and, where the catalog holds the
 * entities, the catalog's own lookup for scale.
 */
export function loadRoutes(options: {
  entities: number;
  groups: number;
  catalogReference: boolean;
}): LoadRoute[] {
  const { entities, groups } = options;
  const pick = random(42);
  const anyOf = <T>(items: readonly T[]) =>
    items[Math.floor(pick() * items.length)];
  const scorecards = Array.from(
    { length: 4096 },
    () =>
      `/api/readiness/entities/component/default/${componentName(
        Math.floor(pick() * entities),
      )}`,
  );
  const overview = Array.from({ length: 1024 }, () => {
    const query = new URLSearchParams({
      limit: String(OVERVIEW_PAGE),
      sort: anyOf(SORTS),
      order: anyOf(['asc', 'desc']),
    });
    const filter = pick();
    if (filter < 0.2) {
      // `service-12` matches service-12, -120 to -129, -1200 to -1299, ...
      query.set('q', componentName(Math.floor(pick() * 100)));
      query.set('offset', String(anyOf([0, OVERVIEW_PAGE])));
    } else if (filter < 0.4) {
      query.set(
        'owner',
        `group:default/${groupName(Math.floor(pick() * groups))}`,
      );
      query.set('offset', String(anyOf([0, OVERVIEW_PAGE])));
    } else {
      const pages = Math.floor(entities / OVERVIEW_PAGE);
      query.set('offset', String(Math.floor(pick() * pages) * OVERVIEW_PAGE));
    }
    return `/api/readiness/overview?${query}`;
  });
  const routes: LoadRoute[] = [
    {
      name: 'GET /entities/component/default/:name',
      id: 'scorecard',
      paths: scorecards,
    },
    {
      name: 'GET /overview?limit=50&offset=..&sort=.. (1 in 5 q=, 1 in 5 owner=)',
      id: 'overview',
      paths: overview,
    },
    {
      name: 'GET /overview/groups',
      id: 'groups',
      paths: ['/api/readiness/overview/groups'],
    },
    {
      name: 'GET /overview/checks',
      id: 'checks',
      paths: ['/api/readiness/overview/checks'],
    },
    {
      name: 'GET /overview/history (90 days)',
      id: 'history',
      paths: ['/api/readiness/overview/history'],
    },
  ];
  if (options.catalogReference) {
    routes.push({
      name: 'reference: GET /api/catalog/entities/by-name/component/default/:name',
      id: 'catalog',
      paths: scorecards.map(route =>
        route.replace(
          '/api/readiness/entities/',
          '/api/catalog/entities/by-name/',
        ),
      ),
    });
  }
  return routes;
}

/**
 * Loads each route with each client count, after one client's warm-up;
 * profiles the busiest runs.
 */
export async function measureRoutes(options: {
  baseUrl: string;
  authorization: string;
  routes: LoadRoute[];
  loadSeconds: number;
  warmUpSeconds: number;
  profileDir?: string;
  label: string;
}): Promise<LoadFigures[]> {
  const loads: LoadFigures[] = [];
  for (const route of options.routes) {
    const run = (concurrency: number, seconds: number) =>
      runLoad({
        baseUrl: options.baseUrl,
        authorization: options.authorization,
        paths: route.paths,
        concurrency,
        durationMs: seconds * 1000,
        timeoutMs: REQUEST_TIMEOUT_MS,
      });
    await run(1, options.warmUpSeconds);
    for (const concurrency of CLIENT_COUNTS) {
      const result =
        concurrency === MOST_CLIENTS
          ? await profiled(
              options.profileDir,
              `${options.label}-${route.id}`,
              () => run(concurrency, options.loadSeconds),
            )
          : await run(concurrency, options.loadSeconds);
      loads.push({ route: route.name, routeId: route.id, concurrency, result });
      print(
        `  ${route.name} with ${concurrency} client(s): ${fmt(
          result.latencies.length,
        )} requests`,
      );
    }
  }
  return loads;
}

const sortedLatencies = (load: LoadFigures) =>
  [...load.result.latencies].sort((a, b) => a - b);

export function printLoads(loads: LoadFigures[]) {
  table(
    [
      'route',
      'clients',
      'requests',
      'req/s',
      'p50',
      'p95',
      'p99',
      'max',
      'errors',
      'KB/response',
    ],
    loads.map(load => {
      const { result } = load;
      const sorted = sortedLatencies(load);
      const ms = (fraction: number) =>
        `${fmt(percentile(sorted, fraction), 1)} ms`;
      return [
        load.route,
        String(load.concurrency),
        fmt(sorted.length),
        fmt(sorted.length / (result.elapsedMs / 1000)),
        ms(0.5),
        ms(0.95),
        ms(0.99),
        ms(1),
        fmt(result.errors),
        fmt(result.bytes / Math.max(1, sorted.length) / 1024, 1),
      ];
    }),
  );
  loads
    .filter(load => load.result.firstError)
    .forEach(load =>
      print(
        `first error of ${load.route} with ${load.concurrency} client(s): ${load.result.firstError}`,
      ),
    );
}

/** A percentile of a route's latencies at each client count. */
function latencyAt(
  loads: LoadFigures[],
  routeId: string,
  fraction: number,
): Array<{ clients: number; ms: number }> {
  return loads
    .filter(load => load.routeId === routeId)
    .map(load => ({
      clients: load.concurrency,
      ms: percentile(sortedLatencies(load), fraction),
    }));
}

/** A goal row: a route's p95 at every client count, judged at the most. */
export function p95Goal(
  loads: LoadFigures[],
  routeId: string,
  limitMs: number,
): { measured: string; verdict: string } {
  const figures = latencyAt(loads, routeId, 0.95);
  const loaded = figures.find(f => f.clients === MOST_CLIENTS);
  const within = figures.filter(f => f.ms < limitMs).map(f => f.clients);
  let verdict = 'missed';
  if (loaded && loaded.ms < limitMs) verdict = 'met';
  else if (within.length > 0) {
    verdict = `missed (met up to ${Math.max(...within)} client(s))`;
  }
  return {
    measured: `p95 ${figures
      .map(f => fmt(f.ms, 1))
      .join(' / ')} ms with ${CLIENT_COUNTS.join(' / ')} clients`,
    verdict,
  };
}
