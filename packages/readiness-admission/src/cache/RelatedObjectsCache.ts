/**
 * The objects a workload is judged with, kept by list+watch (client-node's
 * informers): Namespaces (their policy labels), and the kinds the engine
 * relates workloads to. ServiceMonitors and PodMonitors are watched only
 * when their CRDs are installed (a 404 on the first list).
 */
import {
  Informer,
  KubeConfig,
  KubernetesObject,
  makeInformer,
  ObjectCache,
} from '@kubernetes/client-node';
import type { KubeObject } from '@prodready/backstage-plugin-readiness-common';
import type { RelatedSnapshot } from '../evaluation/snapshot';
import { ListError, listObjects } from './listObjects';

/** A kind the cache holds. */
export interface CachedKind {
  apiVersion: string;
  kind: string;
  /** The cluster-wide list path. */
  path: string;
  /** Served only by an operator's CRD: absent on many clusters. */
  optional?: boolean;
}

export const NAMESPACE_KIND: CachedKind = {
  apiVersion: 'v1',
  kind: 'Namespace',
  path: '/api/v1/namespaces',
};

/** Namespaced kinds read beside the workload, in its namespace. */
export const RELATED_KINDS: readonly CachedKind[] = [
  {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    path: '/apis/policy/v1/poddisruptionbudgets',
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    path: '/apis/networking.k8s.io/v1/networkpolicies',
  },
  { apiVersion: 'v1', kind: 'Service', path: '/api/v1/services' },
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    path: '/apis/autoscaling/v2/horizontalpodautoscalers',
  },
  { apiVersion: 'v1', kind: 'ServiceAccount', path: '/api/v1/serviceaccounts' },
];

/** Monitors may select pods of other namespaces: all of them are read. */
export const MONITOR_KINDS: readonly CachedKind[] = [
  {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    path: '/apis/monitoring.coreos.com/v1/servicemonitors',
    optional: true,
  },
  {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    path: '/apis/monitoring.coreos.com/v1/podmonitors',
    optional: true,
  },
];

type Store = Informer<KubernetesObject> & ObjectCache<KubernetesObject>;

interface Watched {
  kind: CachedKind;
  store: Store;
}

export interface RelatedObjectsCacheOptions {
  /** Called with each list or watch failure (the informer retries). */
  onError?: (kind: string, error: unknown) => void;
  /** Delay before an informer that failed lists again; default 5 s. */
  retryDelayMs?: number;
}

function stamped(object: KubernetesObject, kind: CachedKind): KubeObject {
  if (object.kind && object.apiVersion) return object as KubeObject;
  return {
    ...object,
    apiVersion: kind.apiVersion,
    kind: kind.kind,
  } as KubeObject;
}

export class RelatedObjectsCache {
  private readonly watched = new Map<string, Watched>();
  private namespaces?: Store;
  private readonly missing: string[] = [];
  private synced = false;
  private stopped = false;
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  /** Raised by a change of a namespace's objects. */
  private readonly versions = new Map<string, number>();
  /** Raised by a change of anything every namespace sees (monitors). */
  private sharedVersion = 0;
  private readonly snapshots = new Map<string, RelatedSnapshot>();

  constructor(
    private readonly kc: KubeConfig,
    private readonly options: RelatedObjectsCacheOptions = {},
  ) {}

  /**
   * Lists every kind and starts watching; resolves once all lists are in
   * (the cache has synced). Optional kinds that are not installed are
   * left out; a failed list is reported through `onError` and made again.
   */
  async start(): Promise<void> {
    const kinds = [NAMESPACE_KIND, ...RELATED_KINDS, ...MONITOR_KINDS];
    await Promise.all(kinds.map(kind => this.watch(kind)));
    this.synced = true;
  }

  /** True once every kind has been listed. */
  get hasSynced(): boolean {
    return this.synced;
  }

  /** Optional kinds not served by this cluster. */
  get notInstalled(): readonly string[] {
    return this.missing;
  }

  /** The labels of a namespace, or undefined when it is not (yet) known. */
  namespaceLabels(namespace: string): Record<string, string> | undefined {
    const object = this.namespaces?.get(namespace);
    if (!object) return undefined;
    return object.metadata?.labels ?? {};
  }

  /** What a workload of this namespace is judged with. */
  relatedTo(namespace: string): KubeObject[] {
    const related: KubeObject[] = [];
    const own = this.namespaces?.get(namespace);
    if (own) related.push(stamped(own, NAMESPACE_KIND));
    for (const kind of RELATED_KINDS) {
      const store = this.watched.get(kind.kind)?.store;
      for (const object of store?.list(namespace) ?? []) {
        related.push(stamped(object, kind));
      }
    }
    for (const kind of MONITOR_KINDS) {
      const store = this.watched.get(kind.kind)?.store;
      for (const object of store?.list() ?? []) {
        related.push(stamped(object, kind));
      }
    }
    return related;
  }

  /**
   * {@link RelatedObjectsCache.relatedTo} serialised, built again only
   * after one of its objects changed.
   */
  snapshotOf(namespace: string): RelatedSnapshot {
    const key = `${this.sharedVersion}:${this.versions.get(namespace) ?? 0}`;
    const kept = this.snapshots.get(namespace);
    if (kept?.key === key) return kept;
    const snapshot = { key, json: JSON.stringify(this.relatedTo(namespace)) };
    this.snapshots.set(namespace, snapshot);
    return snapshot;
  }

  /** Objects held, by kind, for `/metrics`. */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {
      Namespace: this.namespaces?.list().length ?? 0,
    };
    for (const [kind, { store }] of this.watched) {
      counts[kind] = store.list().length;
    }
    return counts;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    await Promise.all(
      [...this.watched.values()].map(({ store }) => store.stop()),
    );
    await this.namespaces?.stop();
  }

  /** Marks the snapshots an object is part of as stale. */
  private changed(kind: CachedKind, object: KubernetesObject): void {
    if (MONITOR_KINDS.includes(kind)) {
      this.sharedVersion++;
      this.snapshots.clear();
      return;
    }
    // A Namespace is part of its own snapshot; the rest of their namespace's.
    const namespace =
      kind === NAMESPACE_KIND
        ? object.metadata?.name
        : object.metadata?.namespace;
    if (!namespace) return;
    this.versions.set(namespace, (this.versions.get(namespace) ?? 0) + 1);
    this.snapshots.delete(namespace);
  }

  private async watch(kind: CachedKind): Promise<void> {
    const list = () =>
      listObjects(this.kc, kind.path, kind.apiVersion, kind.kind);
    let first: Awaited<ReturnType<typeof list>> | undefined;
    // Until the first list succeeds: an API server that is restarting, or
    // RBAC applied a moment after the webhook, must not stop the server.
    // /readyz answers 503 meanwhile.
    while (!first) {
      try {
        first = await list();
      } catch (error) {
        if (
          kind.optional &&
          error instanceof ListError &&
          error.statusCode === 404
        ) {
          this.missing.push(kind.kind);
          return;
        }
        if (this.stopped) return;
        this.options.onError?.(kind.kind, error);
        await new Promise(resolve =>
          setTimeout(resolve, this.options.retryDelayMs ?? 5000),
        );
        if (this.stopped) return;
      }
    }
    // The first list is the one just made; later ones (after a 410 or a
    // failure) go to the API server again.
    let prefetched: typeof first | undefined = first;
    const store = makeInformer(this.kc, kind.path, () => {
      const answer = prefetched;
      prefetched = undefined;
      return answer ? Promise.resolve(answer) : list();
    }) as Store;
    store.on('error', error => {
      // Stopping aborts the watches, which informers report as errors.
      if (this.stopped) return;
      this.options.onError?.(kind.kind, error);
      // An informer stops at an error; start it again after a pause, and
      // keep serving what it holds meanwhile.
      const timer = setTimeout(() => {
        this.retryTimers.delete(timer);
        if (!this.stopped) store.start().catch(() => {});
      }, this.options.retryDelayMs ?? 5000);
      this.retryTimers.add(timer);
    });
    store.on('change', object => this.changed(kind, object));
    if (kind === NAMESPACE_KIND) this.namespaces = store;
    else this.watched.set(kind.kind, { kind, store });
    await store.start();
  }
}
