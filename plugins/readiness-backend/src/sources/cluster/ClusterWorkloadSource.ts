/**
 * Reads one live cluster: every kind the checks need, each listed once
 * across all namespaces, page by page, a few requests at a time, with a
 * timeout per request and retries for what retrying can fix.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  KubeObject,
  SourcedObject,
} from '@prodready/backstage-plugin-readiness-common';
import {
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
import { retainObject } from './retainedFields';

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
}

/** A continued list whose snapshot expired is restarted at most this often. */
const MAX_LIST_RESTARTS = 2;

/** Everything one read shares. */
interface ReadContext {
  client: KubeListClient;
  signal: AbortSignal;
  limit: pLimit.Limit;
  stats: ClusterReadStats;
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

  async read(
    options: { signal?: AbortSignal } = {},
  ): Promise<WorkloadSourceSnapshot> {
    const started = Date.now();
    const stats: ClusterReadStats = {
      cluster: this.cluster,
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
    this.#lastReadStats = stats;
    // Aborted by the caller, or by us once a required kind has failed, so
    // nothing keeps running after read() returns.
    const controller = new AbortController();
    const outer = options.signal;
    const onOuterAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) onOuterAbort();
    outer?.addEventListener('abort', onOuterAbort, { once: true });

    const context: ReadContext = {
      client: new KubeListClient(this.#options.target.kubeConfig),
      signal: controller.signal,
      limit: pLimit(this.#options.concurrency),
      stats,
    };
    let failure: unknown;
    const warnings: string[] = [];
    const results = await Promise.allSettled(
      this.#kinds.map(async kind => {
        try {
          return await this.#readKind(kind, context, warnings);
        } catch (error) {
          failure ??= error;
          controller.abort(error);
          throw error;
        }
      }),
    );
    outer?.removeEventListener('abort', onOuterAbort);
    await context.client.close();
    stats.durationMs = Date.now() - started;

    if (outer?.aborted) failure = outer.reason ?? failure;
    if (failure !== undefined) {
      stats.error =
        failure instanceof Error ? failure.message : String(failure);
      this.#options.logger?.debug(
        `Reading cluster ${this.cluster} failed after ${stats.durationMs} ms: ${stats.error}`,
      );
      throw failure;
    }
    const objects: SourcedObject[] = [];
    for (const result of results) {
      if (result.status === 'fulfilled') {
        for (const object of result.value) objects.push(object);
      }
    }
    stats.ok = true;
    stats.objects = objects.length;
    this.#options.logger?.debug(
      `Read ${objects.length} objects from cluster ${this.cluster} with ` +
        `${stats.requests} requests in ${stats.durationMs} ms`,
    );
    return warnings.length > 0 ? { objects, warnings } : { objects };
  }

  /** Lists one kind, trying its versions in order. */
  async #readKind(
    kind: ClusterKind,
    context: ReadContext,
    warnings: string[],
  ): Promise<SourcedObject[]> {
    for (let index = 0; index < kind.versions.length; index++) {
      const version = kind.versions[index];
      try {
        return await this.#listAll(kind, version, context);
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
            warnings.push(
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

  /** Every page of one kind, restarting if the list snapshot expires. */
  async #listAll(
    kind: ClusterKind,
    version: string,
    context: ReadContext,
  ): Promise<SourcedObject[]> {
    const path = listPathOf(kind, version);
    const fallbackApiVersion = apiVersionOf(kind.group, version);
    let objects: SourcedObject[] = [];
    let dropped = 0;
    let continueToken: string | undefined;
    let restarts = 0;
    for (;;) {
      let page: KubeListPage;
      const token = continueToken;
      try {
        page = await context.limit(() =>
          this.#request(kind, path, token, context),
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
        const kept = retainObject(object);
        if (kept) objects.push({ object: kept, cluster: this.cluster });
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
  ): Promise<KubeListPage> {
    const { retries, pageSize, requestTimeoutMs } = this.#options;
    const query = {
      limit: String(pageSize),
      continue: continueToken,
    };
    for (let attempt = 0; ; attempt++) {
      context.signal.throwIfAborted();
      context.stats.requests++;
      context.stats.requestsByKind[kind.kind] =
        (context.stats.requestsByKind[kind.kind] ?? 0) + 1;
      if (attempt > 0) context.stats.retries++;
      try {
        return await context.client.list(path, query, {
          signal: context.signal,
          timeoutMs: requestTimeoutMs,
        });
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
