/**
 * Reads one live cluster: every kind the checks need, each listed once
 * across all namespaces, page by page, a few requests at a time, with a
 * timeout per request and retries for what retrying can fix. A refresh of
 * one entity reads only that entity's part: see `readScoped`.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ClusterSnapshot,
  clusterSnapshotFromObjects,
  KubeObject,
  ServerVersion,
  SourcedObject,
  UnreadKind,
} from '@prodready/backstage-plugin-readiness-common';
import {
  WorkloadScope,
  WorkloadSource,
  WorkloadSourceSnapshot,
} from '@prodready/backstage-plugin-readiness-node';
import pLimit from 'p-limit';
import { ClusterReadOptions, ClusterTarget } from './clusterConfig';
import {
  apiVersionOf,
  CLUSTER_KINDS,
  ClusterKind,
  listPathOf,
} from './clusterKinds';
import { KubeListClient, KubeListPage, KubeRequestError } from './kubeClient';
import {
  forbiddenKind,
  PLATFORM_READ_KINDS,
  serverVersionOf,
} from './platformKinds';
import { retainObject } from './retainedFields';

/**
 * The platform side of a full read: the cluster snapshot platform checks
 * evaluate, or why the read failed (the stored platform scorecard is then
 * kept, marked stale).
 */
export type PlatformRead =
  | { ok: true; snapshot: ClusterSnapshot }
  | { ok: false; error: string; failedAt: string };

/** What the platform kinds and `/version` gave. */
interface PlatformParts {
  objects: KubeObject[];
  unreadKinds: UnreadKind[];
  serverVersion?: ServerVersion;
}

/** What the last read did, for logs and benchmarks. */
export interface ClusterReadStats {
  cluster: string;
  /** ISO time the read started. */
  startedAt: string;
  durationMs: number;
  /** HTTP requests sent, retries included. */
  requests: number;
  requestsByKind: Record<string, number>;
  /** Requests that were retries. */
  retries: number;
  /** Objects kept. */
  objects: number;
  objectsByKind: Record<string, number>;
  /** Controller-owned Pods and ReplicaSets dropped. */
  dropped: number;
  /** Optional kinds the cluster does not serve. */
  notServed: string[];
  /** Whether the read succeeded, and why not. */
  ok: boolean;
  error?: string;
}

/** How to read a cluster. */
export interface ClusterWorkloadSourceOptions extends ClusterReadOptions {
  target: ClusterTarget;
  logger?: LoggerService;
  /** First backoff delay; doubles per retry, with jitter. Default 500 ms. */
  retryBaseDelayMs?: number;
  /** Longest wait before a retry, `Retry-After` included. Default 30 s. */
  maxRetryDelayMs?: number;
  /** Kinds to list; all the checks need by default. */
  kinds?: readonly ClusterKind[];
  /**
   * Also read what platform checks need (cluster-scoped kinds, quotas,
   * add-on custom resources, `/version`) in every full read. Default false.
   */
  platform?: boolean;
}

/** A continued list whose snapshot expired is restarted at most this often. */
const MAX_LIST_RESTARTS = 2;

/** Everything one read shares. */
interface ReadContext {
  client: KubeListClient;
  signal: AbortSignal;
  /** Stops every request of the read, e.g. once a required kind failed. */
  abort(reason: unknown): void;
  limit: pLimit.Limit;
  stats: ClusterReadStats;
  warnings: string[];
}

/** Where one list looks. */
interface ListScope {
  /** One namespace; all when absent. */
  namespace?: string;
  /** Kubernetes `labelSelector`. */
  labelSelector?: string;
  /** Collects the namespace of every object listed, dropped ones included. */
  namespacesSeen?: Set<string>;
}

/** One kind to list, and where. */
interface ListJob {
  kind: ClusterKind;
  scope: ListScope;
}

function emptyStats(cluster: string, started: number): ClusterReadStats {
  return {
    cluster,
    startedAt: new Date(started).toISOString(),
    durationMs: 0,
    requests: 0,
    requestsByKind: {},
    retries: 0,
    objects: 0,
    objectsByKind: {},
    dropped: 0,
    notServed: [],
    ok: false,
  };
}

/** Waits, or rejects as soon as the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    let timer: NodeJS.Timeout | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function kindLabel(kind: ClusterKind, version: string): string {
  return `${kind.kind} (${apiVersionOf(kind.group, version)})`;
}

/** A list that failed for good: names the cluster, the kind and the cause. */
export class ClusterReadError extends Error {
  override readonly name = 'ClusterReadError';
  constructor(
    readonly cluster: string,
    readonly kind: string,
    readonly status: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A live cluster as a workload source with id `cluster:<name>`. A failed
 * list of a required kind fails the whole read (the caller keeps the
 * previous results, marked stale); optional custom resources the cluster
 * does not serve are simply absent.
 */
export class ClusterWorkloadSource implements WorkloadSource {
  readonly id: string;
  readonly cluster: string;
  readonly #options: ClusterWorkloadSourceOptions;
  readonly #kinds: readonly ClusterKind[];
  #lastReadStats: ClusterReadStats | undefined;
  #platformRead: PlatformRead | undefined;

  constructor(options: ClusterWorkloadSourceOptions) {
    this.#options = options;
    this.cluster = options.target.name;
    this.id = `cluster:${options.target.name}`;
    this.#kinds = options.kinds ?? CLUSTER_KINDS;
  }

  /** Statistics of the last read, successful or not. */
  get lastReadStats(): ClusterReadStats | undefined {
    return this.#lastReadStats;
  }

  /**
   * The platform side of the latest full read, handed over once: the
   * snapshot holds every object of the cluster, so it is not kept here
   * after the evaluator has taken it. Undefined when platform reading is
   * off or no full read ended since the last call.
   */
  takePlatformRead(): PlatformRead | undefined {
    const read = this.#platformRead;
    this.#platformRead = undefined;
    return read;
  }

  /**
   * Reads every kind the checks need, each listed once across all
   * namespaces, and with `platform` on what platform checks need, in the
   * same session (same connections, concurrency and retries).
   */
  async read(
    options: { signal?: AbortSignal } = {},
  ): Promise<WorkloadSourceSnapshot> {
    const started = Date.now();
    const stats = emptyStats(this.cluster, started);
    this.#lastReadStats = stats;
    const readAt = new Date(started).toISOString();
    try {
      return await this.#session('', stats, options.signal, async context => {
        const workloads = this.#readKinds(
          this.#kinds.map(kind => ({ kind, scope: {} })),
          context,
        );
        // Queued after the workload kinds, so the big lists start first.
        const platform = this.#options.platform
          ? this.#readPlatform(context)
          : undefined;
        // Both settle before the session closes its connections.
        const [lists, parts] = await Promise.allSettled([workloads, platform]);
        if (lists.status === 'rejected') throw lists.reason;
        const objects = lists.value.flat();
        if (parts.status === 'rejected') {
          this.#platformRead = {
            ok: false,
            error: messageOf(parts.reason),
            failedAt: new Date().toISOString(),
          };
        } else if (parts.value) {
          this.#platformRead = {
            ok: true,
            snapshot: this.#platformSnapshot(objects, parts.value, readAt),
          };
        }
        return objects;
      });
    } catch (error) {
      if (this.#options.platform) {
        this.#platformRead = {
          ok: false,
          error: messageOf(error),
          failedAt: new Date().toISOString(),
        };
      }
      throw error;
    }
  }

  /**
   * The cluster snapshot: the workload read's objects, already trimmed
   * and with secret values redacted by `retainObject`, and the platform
   * kinds' objects, trimmed by the engine to what the checks read. Only the
   * latter go through the engine's snapshot builder (which also takes the
   * server version from the Nodes when `/version` was not read): the
   * workload objects are many and need nothing more.
   */
  #platformSnapshot(
    workloadObjects: readonly SourcedObject[],
    parts: PlatformParts,
    readAt: string,
  ): ClusterSnapshot {
    const platform = clusterSnapshotFromObjects(this.cluster, parts.objects, {
      serverVersion: parts.serverVersion,
      readAt,
      unreadKinds: parts.unreadKinds,
    });
    const listedAgain = new Set(
      PLATFORM_READ_KINDS.map(kind => `${kind.group}/${kind.kind}`),
    );
    const objects: KubeObject[] = [];
    for (const { object } of workloadObjects) {
      const apiVersion = String(object.apiVersion ?? '');
      const slash = apiVersion.indexOf('/');
      const group = slash < 0 ? '' : apiVersion.slice(0, slash);
      // Velero Schedules come again, with their status, from the platform read.
      if (!listedAgain.has(`${group}/${object.kind}`)) objects.push(object);
    }
    objects.push(...platform.objects);
    return { ...platform, objects };
  }

  /**
   * Lists the platform kinds and reads `/version`. A kind the server does
   * not serve has no objects ("not installed"); a refused kind becomes an
   * unread kind naming the ClusterRole rule to add; anything else (after
   * retries) fails the platform read.
   */
  async #readPlatform(context: ReadContext): Promise<PlatformParts> {
    const unreadKinds: UnreadKind[] = [];
    const listing = Promise.allSettled(
      PLATFORM_READ_KINDS.map(async kind => {
        const version = kind.versions[0];
        try {
          return await this.#listAll(
            kind,
            version,
            context,
            {},
            object =>
              clusterSnapshotFromObjects(this.cluster, [object]).objects[0],
          );
        } catch (error) {
          context.signal.throwIfAborted();
          if (error instanceof KubeRequestError && error.status === 404) {
            context.stats.notServed.push(kind.kind);
            return [];
          }
          if (error instanceof KubeRequestError && error.status === 403) {
            const unread = forbiddenKind(
              this.cluster,
              kind,
              version,
              error.message,
            );
            unreadKinds.push(unread);
            context.warnings.push(unread.reason);
            return [];
          }
          throw new ClusterReadError(
            this.cluster,
            kind.kind,
            error instanceof KubeRequestError ? error.status : undefined,
            `Cluster ${this.cluster}: listing ${kindLabel(
              kind,
              version,
            )} failed: ${messageOf(error)}`,
          );
        }
      }),
    );
    // Everything settles first, so nothing of this read still runs when
    // it fails.
    const [lists, version] = await Promise.all([
      listing,
      this.#readVersion(context).then(
        value => ({ status: 'fulfilled' as const, value }),
        (reason: unknown) => ({ status: 'rejected' as const, reason }),
      ),
    ]);
    const objects: KubeObject[] = [];
    for (const list of lists) {
      if (list.status === 'rejected') throw list.reason;
      objects.push(...list.value);
    }
    if (version.status === 'rejected') throw version.reason;
    return { objects, unreadKinds, serverVersion: version.value };
  }

  /**
   * The server's version; undefined when refused (the oldest kubelet then
   * stands for it), with a warning.
   */
  async #readVersion(context: ReadContext): Promise<ServerVersion | undefined> {
    try {
      const body = await context.limit(() =>
        this.#withRetries('version', context, () =>
          context.client.getJson('/version', {
            signal: context.signal,
            timeoutMs: this.#options.requestTimeoutMs,
          }),
        ),
      );
      return serverVersionOf(body);
    } catch (error) {
      context.signal.throwIfAborted();
      if (
        error instanceof KubeRequestError &&
        (error.status === 403 || error.status === 404)
      ) {
        context.warnings.push(
          `Cluster ${this.cluster}: /version was not read (${error.message}); ` +
            'the oldest Node kubelet version stands for the server version',
        );
        return undefined;
      }
      throw new ClusterReadError(
        this.cluster,
        'version',
        error instanceof KubeRequestError ? error.status : undefined,
        `Cluster ${this.cluster}: reading /version failed: ${messageOf(error)}`,
      );
    }
  }

  /**
   * Reads what one entity needs, for a refresh: its workloads, found by the
   * label selector (their own labels, or the labels of the Pods and
   * ReplicaSets their controllers made from the pod template), everything
   * in the namespaces they are in, and the Velero Schedules and Namespaces.
   * A few requests per kind and namespace instead of a cluster-wide list
   * of every kind. With `scope.namespace` (the entity names its namespace)
   * that namespace is read in full, so the result is exactly the entity's
   * part of a full read. Without it, a workload that matches by its pod
   * template alone is found only in a namespace where something else of
   * the entity (a Pod, a ReplicaSet, another workload) matches.
   */
  async readScoped(
    scope: WorkloadScope,
    options: { signal?: AbortSignal } = {},
  ): Promise<WorkloadSourceSnapshot> {
    const stats = emptyStats(this.cluster, Date.now());
    return this.#session(
      ` for ${scope.entityRef}`,
      stats,
      options.signal,
      async context => this.#readScopedKinds(scope, context),
    );
  }

  async #readScopedKinds(
    scope: WorkloadScope,
    context: ReadContext,
  ): Promise<SourcedObject[]> {
    const namespacesSeen = new Set<string>();
    const selected: ListScope = {
      labelSelector: scope.labelSelector,
      namespace: scope.namespace,
      namespacesSeen,
    };
    // Listed by the selector: Pods, and, to find the namespaces of the
    // entity's workloads, the workload kinds. A namespace the entity names
    // is read in full anyway, so there only Pods need the selector.
    const bySelector = this.#kinds.filter(
      kind =>
        kind.refreshScope === 'selector' ||
        (kind.refreshScope === 'workload' && !scope.namespace),
    );
    const found = await this.#readKinds(
      bySelector.map(kind => ({ kind, scope: selected })),
      context,
    );
    const selectorOnly = new Map<ClusterKind, SourcedObject[]>();
    bySelector.forEach((kind, index) => {
      if (kind.refreshScope === 'selector') {
        selectorOnly.set(kind, found[index]);
      }
    });
    const namespaces = scope.namespace
      ? [scope.namespace]
      : // A cluster-wide list is in namespace order; keep it for equal reports.
        [...namespacesSeen].sort();
    if (namespaces.length === 0) return [];

    const jobs: ListJob[] = [];
    for (const kind of this.#kinds) {
      if (kind.refreshScope === 'cluster') jobs.push({ kind, scope: {} });
      if (kind.refreshScope === 'workload' || kind.refreshScope === 'related') {
        for (const namespace of namespaces) {
          jobs.push({ kind, scope: { namespace } });
        }
      }
    }
    const lists = await this.#readKinds(jobs, context);
    // In the order of a full read: by kind, then by namespace.
    const objects: SourcedObject[] = [];
    for (const kind of this.#kinds) {
      objects.push(...(selectorOnly.get(kind) ?? []));
      jobs.forEach((job, index) => {
        if (job.kind === kind) objects.push(...lists[index]);
      });
    }
    return objects;
  }

  /**
   * Runs one read: ties it to the caller's signal, closes the connections
   * afterwards, and keeps its statistics and warnings.
   */
  async #session(
    what: string,
    stats: ClusterReadStats,
    outer: AbortSignal | undefined,
    work: (context: ReadContext) => Promise<SourcedObject[]>,
  ): Promise<WorkloadSourceSnapshot> {
    const started = Date.parse(stats.startedAt);
    // Aborted by the caller, or by us once a required kind has failed, so
    // nothing keeps running after the read returns.
    const controller = new AbortController();
    const onOuterAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) onOuterAbort();
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    const context: ReadContext = {
      client: new KubeListClient(this.#options.target.kubeConfig),
      signal: controller.signal,
      abort: reason => controller.abort(reason),
      limit: pLimit(this.#options.concurrency),
      stats,
      warnings: [],
    };
    let objects: SourcedObject[] = [];
    let failure: unknown;
    let failed = false;
    try {
      objects = await work(context);
    } catch (error) {
      failed = true;
      failure = error;
    } finally {
      outer?.removeEventListener('abort', onOuterAbort);
      await context.client.close();
    }
    stats.durationMs = Date.now() - started;
    if (outer?.aborted) {
      failed = true;
      failure = outer.reason ?? failure;
    }
    if (failed) {
      stats.error =
        failure instanceof Error ? failure.message : String(failure);
      this.#options.logger?.debug(
        `Reading cluster ${this.cluster}${what} failed after ${stats.durationMs} ms: ${stats.error}`,
      );
      throw failure;
    }
    stats.ok = true;
    stats.objects = objects.length;
    this.#options.logger?.debug(
      `Read ${objects.length} objects from cluster ${this.cluster}${what} with ` +
        `${stats.requests} requests in ${stats.durationMs} ms`,
    );
    const { warnings } = context;
    return warnings.length > 0 ? { objects, warnings } : { objects };
  }

  /**
   * Lists several kinds at once, each result at its job's index. The first
   * failure stops the others and is thrown.
   */
  async #readKinds(
    jobs: readonly ListJob[],
    context: ReadContext,
  ): Promise<SourcedObject[][]> {
    let failure: unknown;
    let failed = false;
    const results = await Promise.allSettled(
      jobs.map(async job => {
        try {
          return await this.#readKind(job.kind, context, job.scope);
        } catch (error) {
          if (!failed) {
            failed = true;
            failure = error;
          }
          context.abort(error);
          throw error;
        }
      }),
    );
    if (failed) throw failure;
    return results.map(result =>
      result.status === 'fulfilled' ? result.value : [],
    );
  }

  /** Lists one kind, trying its versions in order. */
  async #readKind(
    kind: ClusterKind,
    context: ReadContext,
    scope: ListScope,
  ): Promise<SourcedObject[]> {
    for (let index = 0; index < kind.versions.length; index++) {
      const version = kind.versions[index];
      try {
        return await this.#listAll(kind, version, context, scope);
      } catch (error) {
        context.signal.throwIfAborted();
        const notServed =
          error instanceof KubeRequestError && error.status === 404;
        if (notServed && index + 1 < kind.versions.length) continue;
        const status =
          error instanceof KubeRequestError ? error.status : undefined;
        const cause = error instanceof Error ? error.message : String(error);
        if (kind.optional) {
          if (notServed) {
            context.stats.notServed.push(kind.kind);
          } else {
            context.warnings.push(
              `Cluster ${this.cluster}: ${kindLabel(
                kind,
                version,
              )} was not read ` + `and is left out: ${cause}`,
            );
          }
          return [];
        }
        throw new ClusterReadError(
          this.cluster,
          kind.kind,
          status,
          `Cluster ${this.cluster}: listing ${kindLabel(
            kind,
            version,
          )} failed: ${cause}`,
        );
      }
    }
    return [];
  }

  /**
   * Every page of one kind, restarting if the list snapshot expires. Each
   * object goes through `keep` at once, so only what is kept stays in
   * memory: by default `retainObject`, as workload checks need.
   */
  async #listAll<T = SourcedObject>(
    kind: ClusterKind,
    version: string,
    context: ReadContext,
    scope: ListScope,
    keep: (object: KubeObject) => T | undefined = object => {
      const kept = retainObject(object);
      return (kept ? { object: kept, cluster: this.cluster } : undefined) as
        | T
        | undefined;
    },
  ): Promise<T[]> {
    const path = listPathOf(kind, version, scope.namespace);
    const fallbackApiVersion = apiVersionOf(kind.group, version);
    let objects: T[] = [];
    let dropped = 0;
    let continueToken: string | undefined;
    let restarts = 0;
    for (;;) {
      let page: KubeListPage;
      const token = continueToken;
      try {
        page = await context.limit(() =>
          this.#request(kind, path, token, context, scope.labelSelector),
        );
      } catch (error) {
        // 410: the server no longer has the snapshot the list started
        // from. Start over for a consistent result, as client-go does.
        const expired =
          error instanceof KubeRequestError &&
          error.status === 410 &&
          continueToken !== undefined;
        if (!expired || restarts >= MAX_LIST_RESTARTS) throw error;
        restarts++;
        objects = [];
        dropped = 0;
        continueToken = undefined;
        continue;
      }
      const apiVersion = page.apiVersion ?? fallbackApiVersion;
      for (const item of page.items) {
        if (typeof item !== 'object' || item === null) continue;
        // List items of built-in kinds come without apiVersion and kind.
        const object = item as KubeObject;
        object.apiVersion = apiVersion;
        object.kind = kind.kind;
        const namespace = object.metadata?.namespace;
        if (typeof namespace === 'string') scope.namespacesSeen?.add(namespace);
        const kept = keep(object);
        if (kept) objects.push(kept);
        else dropped++;
      }
      continueToken = page.continueToken;
      if (continueToken === undefined) break;
    }
    context.stats.dropped += dropped;
    context.stats.objectsByKind[kind.kind] =
      (context.stats.objectsByKind[kind.kind] ?? 0) + objects.length;
    return objects;
  }

  /** One page, retried with backoff on 429, 5xx, timeouts and network errors. */
  async #request(
    kind: ClusterKind,
    path: string,
    continueToken: string | undefined,
    context: ReadContext,
    labelSelector: string | undefined,
  ): Promise<KubeListPage> {
    const { pageSize, requestTimeoutMs } = this.#options;
    const query = {
      labelSelector,
      limit: String(pageSize),
      continue: continueToken,
    };
    return this.#withRetries(kind.kind, context, () =>
      context.client.list(path, query, {
        signal: context.signal,
        timeoutMs: requestTimeoutMs,
      }),
    );
  }

  /** Sends a request, retried with backoff on 429, 5xx, timeouts and network errors. */
  async #withRetries<T>(
    what: string,
    context: ReadContext,
    send: () => Promise<T>,
  ): Promise<T> {
    const { retries } = this.#options;
    for (let attempt = 0; ; attempt++) {
      context.signal.throwIfAborted();
      context.stats.requests++;
      context.stats.requestsByKind[what] =
        (context.stats.requestsByKind[what] ?? 0) + 1;
      if (attempt > 0) context.stats.retries++;
      try {
        return await send();
      } catch (error) {
        if (
          !(error instanceof KubeRequestError) ||
          !error.retryable ||
          attempt >= retries
        ) {
          if (error instanceof KubeRequestError && attempt > 0) {
            error.message += ` (after ${attempt + 1} attempts)`;
          }
          throw error;
        }
        await sleep(this.#retryDelay(attempt, error), context.signal);
      }
    }
  }

  /** Exponential backoff with jitter; the server's Retry-After when given. */
  #retryDelay(attempt: number, error: KubeRequestError): number {
    const base = this.#options.retryBaseDelayMs ?? 500;
    const cap = this.#options.maxRetryDelayMs ?? 30_000;
    if (error.retryAfterMs !== undefined) {
      // A little jitter so clients told the same thing do not return together.
      return Math.min(cap, error.retryAfterMs + Math.random() * 0.1 * base);
    }
    const exponential = base * 2 ** attempt;
    return Math.min(cap, exponential / 2 + Math.random() * (exponential / 2));
  }
}
