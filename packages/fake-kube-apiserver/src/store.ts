/**
 * The fake server's object store: objects indexed by resource and sorted by
 * key (`<namespace>/<name>`, as etcd orders them), kept as serialised JSON so
 * a page is assembled by joining strings, never by re-serialising objects.
 *
 * Every change makes a new snapshot (copying only the resources it touched)
 * and a few recent snapshots are kept, so a paged list continued with a
 * `continue` token sees the same consistent state the first page saw, as on
 * a real server; tokens for snapshots no longer kept are "too old" (410).
 */
import { randomUUID } from 'node:crypto';
import {
  groupVersionOf,
  parseApiVersion,
  ResourceCatalog,
  ResourceType,
  storageKeyOf,
} from './resources';
import { FieldRequirement, LabelMatcher } from './selectors';

/** A Kubernetes object handed to the fake server. @public */
export interface FakeKubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** An object as stored: its key, what selectors look at, and its JSON. */
export interface Entry {
  key: string;
  namespace: string | undefined;
  name: string;
  labels: Readonly<Record<string, string>>;
  json: string;
  /** The version of the change that stored it, also in its JSON. */
  resourceVersion: number;
  /** Kept when an object is replaced without naming them, as an update does. */
  uid: string;
  creationTimestamp: string;
}

/** One object added, changed or removed by a change of the store. */
export interface StoreChange {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** `storageKeyOf(group, resource)` of the object. */
  bucket: string;
  resourceVersion: number;
  /** The object as stored; for DELETED, its last state. */
  entry: Entry;
  /** For MODIFIED, the state it replaced. */
  previous?: Entry;
}

/** Changes since a resource version, or `too-old` when they are not all kept. */
export type ChangesSince = StoreChange[] | 'too-old';

interface Snapshot {
  resourceVersion: number;
  buckets: ReadonlyMap<string, readonly Entry[]>;
}

/** A list request the store answers. */
export interface ListQuery {
  type: ResourceType;
  namespace?: string;
  labels?: LabelMatcher;
  hasLabelSelector?: boolean;
  fields?: readonly FieldRequirement[];
  limit?: number;
  continueToken?: string;
}

/** One page of a list. */
export interface ListPage {
  resourceVersion: string;
  items: string[];
  continueToken?: string;
  remainingItemCount?: number;
}

/** A continue token the store cannot use: bad (400) or too old (410). */
export class ContinueTokenError extends Error {
  override readonly name = 'ContinueTokenError';
  constructor(readonly code: 400 | 410, message: string) {
    super(message);
  }
}

const NO_ENTRIES: readonly Entry[] = [];
const FIRST_RESOURCE_VERSION = 1000;

function compareKeys(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** Index of the first entry whose key is >= `key`. */
function lowerBound(entries: readonly Entry[], key: string): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (entries[middle].key < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

function stringLabels(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const [key, label] of Object.entries(value)) {
    if (typeof label === 'string') out[key] = label;
  }
  return out;
}

function encodeToken(resourceVersion: number, start: string): string {
  const body = JSON.stringify({
    v: 'meta.k8s.io/v1',
    rv: resourceVersion,
    start,
  });
  return Buffer.from(body, 'utf8').toString('base64url');
}

function decodeToken(token: string): { rv: number; start: string } {
  try {
    const body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      body?.v === 'meta.k8s.io/v1' &&
      Number.isInteger(body.rv) &&
      typeof body.start === 'string'
    ) {
      return { rv: body.rv, start: body.start };
    }
  } catch {
    // reported below
  }
  throw new ContinueTokenError(400, 'continue key is not valid');
}

/** Stores objects by resource, with snapshots for consistent paging. */
export class ObjectStore {
  readonly #catalog: ResourceCatalog;
  readonly #retention: number;
  readonly #history = new Map<number, Snapshot>();
  #current: Snapshot;
  // The latest changes, for watches that resume from a resource version;
  // before `#changesKnownAfter` they are "too old", as after a compaction.
  readonly #changeRetention: number;
  #changes: StoreChange[] = [];
  #changesKnownAfter = FIRST_RESOURCE_VERSION;
  readonly #listeners = new Set<(changes: readonly StoreChange[]) => void>();

  constructor(
    catalog: ResourceCatalog,
    retention: number,
    changeRetention = 10_000,
  ) {
    this.#catalog = catalog;
    this.#retention = Math.max(0, retention);
    this.#changeRetention = Math.max(1, changeRetention);
    this.#current = {
      resourceVersion: FIRST_RESOURCE_VERSION,
      buckets: new Map(),
    };
  }

  /** The resource version of the current state. */
  get resourceVersion(): number {
    return this.#current.resourceVersion;
  }

  /** Replaces every object. */
  set(objects: readonly FakeKubeObject[]): void {
    const resourceVersion = this.#current.resourceVersion + 1;
    const grouped = this.#entriesByBucket(objects, resourceVersion);
    const buckets = new Map<string, readonly Entry[]>();
    for (const [bucket, entries] of grouped) {
      buckets.set(bucket, this.#sorted(entries.values()));
    }
    this.#commit({ resourceVersion, buckets });
  }

  /** Adds objects, replacing any with the same resource, namespace and name. */
  add(objects: readonly FakeKubeObject[]): void {
    const resourceVersion = this.#current.resourceVersion + 1;
    const grouped = this.#entriesByBucket(objects, resourceVersion);
    const buckets = new Map(this.#current.buckets);
    for (const [bucket, added] of grouped) {
      const merged = new Map<string, Entry>();
      for (const entry of buckets.get(bucket) ?? NO_ENTRIES) {
        merged.set(entry.key, entry);
      }
      for (const [key, entry] of added) merged.set(key, entry);
      buckets.set(bucket, this.#sorted(merged.values()));
    }
    this.#commit({ resourceVersion, buckets });
  }

  /** Removes objects by apiVersion, kind, namespace and name. */
  remove(objects: readonly FakeKubeObject[]): void {
    const resourceVersion = this.#current.resourceVersion + 1;
    const buckets = new Map(this.#current.buckets);
    for (const object of objects) {
      const { bucket, key } = this.#locate(object);
      const entries = buckets.get(bucket);
      if (!entries) continue;
      buckets.set(
        bucket,
        entries.filter(entry => entry.key !== key),
      );
    }
    this.#commit({ resourceVersion, buckets });
  }

  /** Forgets every snapshot: continue tokens issued so far get 410. */
  expireSnapshots(): void {
    this.#history.clear();
    // Same objects, new version: tokens of the current one are now too old.
    this.#current = {
      resourceVersion: this.#current.resourceVersion + 1,
      buckets: this.#current.buckets,
    };
  }

  /** The changes after `resourceVersion`, oldest first; `too-old` when some are not kept. */
  changesSince(resourceVersion: number): ChangesSince {
    if (resourceVersion < this.#changesKnownAfter) return 'too-old';
    return this.#changes.filter(
      change => change.resourceVersion > resourceVersion,
    );
  }

  /** Forgets the recorded changes: watches from earlier versions get 410. */
  expireChanges(): void {
    this.#changes = [];
    this.#changesKnownAfter = this.#current.resourceVersion;
  }

  /** Calls `listener` with the changes of every later change of the store. */
  subscribe(listener: (changes: readonly StoreChange[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The stored objects of a bucket, in key order. */
  entries(bucket: string): readonly Entry[] {
    return this.#current.buckets.get(bucket) ?? NO_ENTRIES;
  }

  /** Number of stored objects of a resource, or of all resources. */
  count(type?: ResourceType): number {
    if (type) {
      return (
        this.#current.buckets.get(storageKeyOf(type.group, type.resource))
          ?.length ?? 0
      );
    }
    let total = 0;
    for (const entries of this.#current.buckets.values()) {
      total += entries.length;
    }
    return total;
  }

  /** The JSON of one object, or undefined. */
  get(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): string | undefined {
    const entries =
      this.#current.buckets.get(storageKeyOf(type.group, type.resource)) ??
      NO_ENTRIES;
    const key = type.namespaced ? `${namespace}/${name}` : name;
    const index = lowerBound(entries, key);
    return entries[index]?.key === key ? entries[index].json : undefined;
  }

  /** One page of a list, following the query's continue token. */
  list(query: ListQuery): ListPage {
    let snapshot = this.#current;
    let start = '';
    if (query.continueToken) {
      const token = decodeToken(query.continueToken);
      const found =
        token.rv === this.#current.resourceVersion
          ? this.#current
          : this.#history.get(token.rv);
      if (!found) {
        throw new ContinueTokenError(
          410,
          'The provided continue parameter is too old to display a consistent list result. ' +
            'You can start a new list without the continue parameter.',
        );
      }
      snapshot = found;
      start = token.start;
    }
    const entries =
      snapshot.buckets.get(
        storageKeyOf(query.type.group, query.type.resource),
      ) ?? NO_ENTRIES;

    // The namespace from the path, or an equality field selector on it,
    // narrows the scan to one contiguous key range.
    let namespace = query.namespace;
    const fields: FieldRequirement[] = [];
    for (const field of query.fields ?? []) {
      if (
        field.field === 'metadata.namespace' &&
        field.operator === 'equals' &&
        query.type.namespaced
      ) {
        if (namespace !== undefined && namespace !== field.value) {
          return {
            resourceVersion: String(snapshot.resourceVersion),
            items: [],
          };
        }
        namespace = field.value;
      } else {
        fields.push(field);
      }
    }
    let begin = 0;
    let end = entries.length;
    if (namespace !== undefined && query.type.namespaced) {
      // '0' is the character after '/', so this bounds `<namespace>/…`.
      begin = lowerBound(entries, `${namespace}/`);
      end = lowerBound(entries, `${namespace}0`);
    }
    if (start) begin = Math.max(begin, lowerBound(entries, start));

    const limit =
      query.limit && query.limit > 0 ? query.limit : Number.POSITIVE_INFINITY;
    const items: string[] = [];
    let index = begin;
    for (; index < end && items.length < limit; index++) {
      const entry = entries[index];
      if (!fields.every(field => matchesField(field, entry))) continue;
      if (query.labels && !query.labels(entry.labels)) continue;
      items.push(entry.json);
    }
    const page: ListPage = {
      resourceVersion: String(snapshot.resourceVersion),
      items,
    };
    if (index < end) {
      page.continueToken = encodeToken(
        snapshot.resourceVersion,
        `${entries[index - 1].key}\u0000`,
      );
      // The real server only knows the count when nothing filters the list.
      if (!query.hasLabelSelector && (query.fields?.length ?? 0) === 0) {
        page.remainingItemCount = end - index;
      }
    }
    return page;
  }

  #commit(snapshot: Snapshot): void {
    this.#record(changesBetween(this.#current, snapshot));
    if (this.#retention > 0) {
      this.#history.set(this.#current.resourceVersion, this.#current);
      while (this.#history.size > this.#retention) {
        const oldest = this.#history.keys().next().value as number;
        this.#history.delete(oldest);
      }
    }
    this.#current = snapshot;
  }

  #record(changes: StoreChange[]): void {
    if (changes.length === 0) return;
    this.#changes.push(...changes);
    const excess = this.#changes.length - this.#changeRetention;
    if (excess > 0) {
      this.#changesKnownAfter = this.#changes[excess - 1].resourceVersion;
      this.#changes = this.#changes.filter(
        change => change.resourceVersion > this.#changesKnownAfter,
      );
    }
    for (const listener of this.#listeners) listener(changes);
  }

  #sorted(entries: Iterable<Entry>): Entry[] {
    return [...entries].sort((a, b) => compareKeys(a.key, b.key));
  }

  #typeOf(object: FakeKubeObject): ResourceType {
    if (
      typeof object?.apiVersion !== 'string' ||
      typeof object.kind !== 'string'
    ) {
      throw new TypeError(
        'fake-kube-apiserver: every object needs a string apiVersion and kind',
      );
    }
    const { group } = parseApiVersion(object.apiVersion);
    const type = this.#catalog.forKind(group, object.kind);
    if (!type) {
      throw new TypeError(
        `fake-kube-apiserver does not know kind ${object.kind} in API group '${group}'`,
      );
    }
    if (typeof object.metadata?.name !== 'string' || !object.metadata.name) {
      throw new TypeError(
        `fake-kube-apiserver: a ${object.kind} without metadata.name cannot be stored`,
      );
    }
    return type;
  }

  #find(bucket: string, key: string): Entry | undefined {
    const entries = this.#current.buckets.get(bucket) ?? NO_ENTRIES;
    const index = lowerBound(entries, key);
    return entries[index]?.key === key ? entries[index] : undefined;
  }

  #locate(object: FakeKubeObject): {
    type: ResourceType;
    bucket: string;
    key: string;
    namespace: string | undefined;
  } {
    const type = this.#typeOf(object);
    const namespace = type.namespaced
      ? object.metadata.namespace || 'default'
      : undefined;
    return {
      type,
      bucket: storageKeyOf(type.group, type.resource),
      key: namespace
        ? `${namespace}/${object.metadata.name}`
        : object.metadata.name,
      namespace,
    };
  }

  #entriesByBucket(
    objects: readonly FakeKubeObject[],
    resourceVersion: number,
  ): Map<string, Map<string, Entry>> {
    const grouped = new Map<string, Map<string, Entry>>();
    const created = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    for (const object of objects) {
      const { type, bucket, key, namespace } = this.#locate(object);
      // apiVersion is left out: objects are served in the requested version.
      const { apiVersion, kind, metadata, ...rest } = object;
      const existing = this.#find(bucket, key);
      const uid = stringOr(metadata.uid, existing?.uid ?? randomUUID());
      const creationTimestamp = stringOr(
        metadata.creationTimestamp,
        existing?.creationTimestamp ?? created,
      );
      const storedMetadata: Record<string, unknown> = {
        ...metadata,
        ...(namespace ? { namespace } : {}),
        uid,
        resourceVersion: String(resourceVersion),
        creationTimestamp,
      };
      // Built-in kinds come back from a list without apiVersion and kind;
      // custom resources (served as unstructured objects) keep them.
      const stored = type.crd
        ? {
            apiVersion: groupVersionOf(type.group, type.version),
            kind,
            metadata: storedMetadata,
            ...rest,
          }
        : { metadata: storedMetadata, ...rest };
      let entries = grouped.get(bucket);
      if (!entries) {
        entries = new Map();
        grouped.set(bucket, entries);
      }
      entries.set(key, {
        key,
        namespace,
        name: metadata.name,
        labels: stringLabels(metadata.labels),
        json: JSON.stringify(stored),
        resourceVersion,
        uid,
        creationTimestamp,
      });
    }
    return grouped;
  }
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value ? value : fallback;
}

/** An entry's JSON without its resource version, to tell real changes. */
function contentOf(entry: Entry): string {
  return entry.json.replace(`"resourceVersion":"${entry.resourceVersion}"`, '');
}

/**
 * What changed between two states, bucket by bucket: a bucket left as it
 * was (the same array) is skipped, and an object stored again unchanged
 * (`set` of the same objects) is no change, as an update that changes
 * nothing is none on a real server.
 */
function changesBetween(before: Snapshot, after: Snapshot): StoreChange[] {
  const changes: StoreChange[] = [];
  const { resourceVersion } = after;
  const buckets = new Set([...before.buckets.keys(), ...after.buckets.keys()]);
  for (const bucket of buckets) {
    const old = before.buckets.get(bucket) ?? NO_ENTRIES;
    const current = after.buckets.get(bucket) ?? NO_ENTRIES;
    if (old === current) continue;
    const oldByKey = new Map(old.map(entry => [entry.key, entry]));
    for (const entry of current) {
      const previous = oldByKey.get(entry.key);
      oldByKey.delete(entry.key);
      if (!previous) {
        changes.push({ type: 'ADDED', bucket, resourceVersion, entry });
      } else if (
        previous !== entry &&
        contentOf(previous) !== contentOf(entry)
      ) {
        changes.push({
          type: 'MODIFIED',
          bucket,
          resourceVersion,
          entry,
          previous,
        });
      }
    }
    for (const entry of oldByKey.values()) {
      changes.push({ type: 'DELETED', bucket, resourceVersion, entry });
    }
  }
  return changes;
}

export function matchesField(field: FieldRequirement, entry: Entry): boolean {
  const actual =
    field.field === 'metadata.name' ? entry.name : entry.namespace ?? '';
  return field.operator === 'equals'
    ? actual === field.value
    : actual !== field.value;
}
