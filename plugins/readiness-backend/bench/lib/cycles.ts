/**
 * Full cycles: the catalog ingests a fifth of the Components and a cycle
 * scores them; then all, and two more cycles (the first scores the new
 * ones, the second is the steady state). Each cycle is triggered through
 * the scheduler's HTTP API and timed up to its summary log line.
 */
import { BenchBackend, TASK_ID } from './backend';
import { BenchEntityProvider, catalogEntities, componentName } from './catalog';
import { BenchCluster } from './clusters';
import { LogSink } from './logs';
import { profiled } from './load';
import { fmt, print, seconds, sleep, table } from './output';

export interface CycleFigures {
  label: string;
  entities: number;
  scored: number;
  /** Trigger to the first cluster request: the scheduler picking it up. */
  pickupMs: number;
  /** First cluster request to the summary log line. */
  cycleMs: number;
  sourcesMs: number;
  catalogMs: number;
  scoringMs: number;
  writeMs: number;
  requests: number[];
  listRequests: number[];
}

export async function runCycles(options: {
  backend: BenchBackend;
  sink: LogSink;
  provider: BenchEntityProvider;
  clusters: BenchCluster[];
  entities: number;
  groups: number;
  profileDir?: string;
}): Promise<CycleFigures[]> {
  const { backend, sink, provider, clusters, entities, groups } = options;

  async function catalogCount(kind: string): Promise<number> {
    const response = await backend.call(
      `/api/catalog/entities/by-query?filter=kind=${kind}&limit=1`,
    );
    if (response.status >= 400 && response.status < 500) {
      throw new Error(
        `Counting ${kind} entities: ${
          response.status
        } ${await response.text()}`,
      );
    }
    if (!response.ok) return -1;
    const body = (await response.json()) as { totalItems: number };
    return body.totalItems;
  }

  /** Gives the catalog its entities and waits until it serves them all. */
  async function ingest(components: number): Promise<number> {
    const from = Date.now();
    await provider.provide(catalogEntities(components, groups));
    for (;;) {
      const [found, groupsFound] = await Promise.all([
        catalogCount('component'),
        catalogCount('group'),
      ]);
      if (found === components && groupsFound === groups) break;
      if (Date.now() - from > 20 * 60_000) {
        throw new Error(
          `The catalog serves ${found} of ${components} Components and ` +
            `${groupsFound} of ${groups} Groups after 20 minutes`,
        );
      }
      await sleep(250);
    }
    return Date.now() - from;
  }

  async function cycle(label: string): Promise<CycleFigures> {
    clusters.forEach(({ server }) => server.resetRequests());
    const done = sink.next(
      entry => entry.message.startsWith('Readiness cycle:'),
      entry => entry.level === 'error' && entry.fields.task === TASK_ID,
    );
    const triggeredAt = Date.now();
    // 409 while the scheduler still releases the previous run.
    for (let attempt = 0; ; attempt++) {
      const response = await backend.call(
        `/api/readiness/.backstage/scheduler/v1/tasks/${TASK_ID}/trigger`,
        { method: 'POST' },
      );
      if (response.ok) break;
      if (response.status !== 409 || attempt > 100) {
        throw new Error(
          `Triggering ${TASK_ID}: ${response.status} ${await response.text()}`,
        );
      }
      await sleep(100);
    }
    const entry = await done;
    const firstRequest = Math.min(
      ...clusters.flatMap(({ server }) =>
        server.requests.map(request => request.receivedAt),
      ),
    );
    const field = (name: string) => Number(entry.fields[name]);
    return {
      label,
      entities: field('entities'),
      scored: Number(/(\d+) scored/.exec(entry.message)?.[1]),
      pickupMs: firstRequest - triggeredAt,
      cycleMs: entry.at - firstRequest,
      sourcesMs: field('sourcesMs'),
      catalogMs: field('catalogMs'),
      scoringMs: field('scoringMs'),
      writeMs: field('writeMs'),
      requests: clusters.map(({ server }) => server.requestCount()),
      listRequests: clusters.map(({ server }) =>
        server.requestCount({ verb: 'list' }),
      ),
    };
  }

  const first = entities / 5;
  const firstIngest = await ingest(first);
  print(
    `  catalog ingested ${fmt(
      first,
    )} Components + ${groups} Groups in ${seconds(firstIngest)}`,
  );
  const cycles: CycleFigures[] = [];
  cycles.push(await cycle(`${fmt(first)} entities, all new`));
  print(`  cycle 1 done in ${seconds(cycles[0].cycleMs)}`);

  const secondIngest = await ingest(entities);
  print(
    `  catalog ingested ${fmt(entities - first)} more Components in ${seconds(
      secondIngest,
    )} (${fmt(entities)} in all)`,
  );
  cycles.push(
    await cycle(`${fmt(entities)} entities, ${fmt(entities - first)} new`),
  );
  print(`  cycle 2 done in ${seconds(cycles[1].cycleMs)}`);
  cycles.push(
    await profiled(options.profileDir, `${entities}-cycle`, () =>
      cycle(`${fmt(entities)} entities, steady state`),
    ),
  );
  print(`  cycle 3 done in ${seconds(cycles[2].cycleMs)}`);
  // The load runs ask for scorecards of these; all must have one.
  const sample = await backend.call(
    `/api/readiness/entities/component/default/${componentName(entities - 1)}`,
  );
  if (!sample.ok) {
    throw new Error(`The last Component has no scorecard: ${sample.status}`);
  }
  return cycles;
}

export function printCycles(cycles: CycleFigures[], clusters: BenchCluster[]) {
  print(
    `### Cycles (triggered with POST /api/readiness/.backstage/scheduler/v1/tasks/${TASK_ID}/trigger)`,
  );
  print();
  table(
    [
      'cycle',
      'entities',
      'scored',
      'full cycle',
      'sources',
      'catalog',
      'scoring',
      'db writes',
      'trigger → start',
    ],
    cycles.map(c => [
      c.label,
      fmt(c.entities),
      fmt(c.scored),
      `${fmt(c.cycleMs)} ms`,
      `${fmt(c.sourcesMs)} ms`,
      `${fmt(c.catalogMs)} ms`,
      `${fmt(c.scoringMs)} ms`,
      `${fmt(c.writeMs)} ms`,
      `${fmt(c.pickupMs)} ms`,
    ]),
  );
  print();
  print(
    '"full cycle": first cluster request to the summary log line; the parts are ' +
      'the cycle\'s own timings. "trigger → start": the scheduler\'s pick-up (it ' +
      'polls every 5 s).',
  );
  print();
  print('### Kubernetes API requests per cluster and cycle');
  print();
  table(
    ['cycle', ...clusters.map(c => c.name), 'of which lists'],
    cycles.map(c => [
      c.label,
      ...c.requests.map(count => fmt(count)),
      c.listRequests.map(count => fmt(count)).join(' / '),
    ]),
  );
  print();
  print(
    `Objects per cluster: ${clusters
      .map(c => fmt(c.objects))
      .join(' / ')}; page size 500.`,
  );
}
