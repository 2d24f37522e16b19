/**
 * Watch, as the real API server streams it: `?watch=1` on a list path
 * answers 200 and then one JSON event per line (ADDED, MODIFIED, DELETED,
 * BOOKMARK, ERROR) as the store changes, filtered by the path's namespace
 * and the selectors, until `timeoutSeconds` or the client goes.
 *
 * - Without `resourceVersion` (or with `0`), the stream starts with an
 *   ADDED event per object, then follows changes.
 * - With a `resourceVersion`, it replays the changes after it, or sends an
 *   ERROR event with a 410 Status when they are no longer kept (the client
 *   lists again), as after etcd's compaction.
 * - With `allowWatchBookmarks=true`, a BOOKMARK carries the current version
 *   every bookmark interval, so a client can resume from it.
 */
import { ServerResponse } from 'node:http';
import { groupVersionOf, ResourceType, storageKeyOf } from './resources';
import { FieldRequirement, LabelMatcher } from './selectors';
import { statusObject } from './status';
import { Entry, matchesField, ObjectStore, StoreChange } from './store';

/** What one watch asks for. */
export interface WatchRequest {
  type: ResourceType;
  namespace?: string;
  labels?: LabelMatcher;
  fields: readonly FieldRequirement[];
  /** Absent, or 0: start with the current objects. */
  resourceVersion?: number;
  bookmarks: boolean;
  timeoutMs: number;
}

/** The streams open now, so that tests can end them all. */
export class WatchStreams {
  readonly #open = new Set<ServerResponse>();

  add(res: ServerResponse): void {
    this.#open.add(res);
    res.once('close', () => this.#open.delete(res));
  }

  /** Ends every open watch, as an API server restart or a load balancer does. */
  endAll(): void {
    for (const res of this.#open) res.end();
    this.#open.clear();
  }

  get size(): number {
    return this.#open.size;
  }
}

export function streamWatch(options: {
  store: ObjectStore;
  request: WatchRequest;
  res: ServerResponse;
  bookmarkIntervalMs: number;
  streams: WatchStreams;
}): void {
  const { store, request, res } = options;
  const { type } = request;
  const bucket = storageKeyOf(type.group, type.resource);
  // Built-in kinds are stored without apiVersion and kind (a list leaves
  // them out); a watch event's object carries them.
  const head = type.crd
    ? ''
    : JSON.stringify({
        kind: type.kind,
        apiVersion: groupVersionOf(type.group, type.version),
      }).slice(0, -1);
  const objectJson = (entry: Entry, resourceVersion: number) => {
    let json = entry.json;
    if (resourceVersion !== entry.resourceVersion) {
      json = json.replace(
        `"resourceVersion":"${entry.resourceVersion}"`,
        `"resourceVersion":"${resourceVersion}"`,
      );
    }
    return head ? `${head},${json.slice(1)}` : json;
  };
  const matches = (entry: Entry) =>
    (request.namespace === undefined ||
      entry.namespace === request.namespace) &&
    request.fields.every(field => matchesField(field, entry)) &&
    (!request.labels || request.labels(entry.labels));
  const write = (line: string) => {
    if (!res.writableEnded && !res.destroyed) res.write(`${line}\n`);
  };
  const event = (kind: string, entry: Entry, resourceVersion: number) =>
    write(`{"type":"${kind}","object":${objectJson(entry, resourceVersion)}}`);

  const send = (change: StoreChange) => {
    if (change.bucket !== bucket) return;
    const now = matches(change.entry);
    if (change.type === 'MODIFIED') {
      const before = matches(change.previous!);
      // An object that stops or starts matching leaves or enters the view.
      if (before && now)
        event('MODIFIED', change.entry, change.resourceVersion);
      else if (before) event('DELETED', change.entry, change.resourceVersion);
      else if (now) event('ADDED', change.entry, change.resourceVersion);
    } else if (now) {
      event(change.type, change.entry, change.resourceVersion);
    }
  };

  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Transfer-Encoding': 'chunked',
  });
  // A client's watch call returns once the headers arrive, before any event.
  res.flushHeaders();
  options.streams.add(res);

  if (!request.resourceVersion) {
    for (const entry of store.entries(bucket)) {
      if (matches(entry)) event('ADDED', entry, entry.resourceVersion);
    }
  } else {
    const changes = store.changesSince(request.resourceVersion);
    if (changes === 'too-old') {
      const status = statusObject(
        410,
        `too old resource version: ${request.resourceVersion} (${store.resourceVersion})`,
      );
      write(JSON.stringify({ type: 'ERROR', object: status }));
      res.end();
      return;
    }
    changes.forEach(send);
  }
  const unsubscribe = store.subscribe(changes => changes.forEach(send));

  const bookmark = () =>
    write(
      JSON.stringify({
        type: 'BOOKMARK',
        object: {
          kind: type.kind,
          apiVersion: groupVersionOf(type.group, type.version),
          metadata: { resourceVersion: String(store.resourceVersion) },
        },
      }),
    );
  const bookmarks = request.bookmarks
    ? setInterval(bookmark, options.bookmarkIntervalMs)
    : undefined;
  const timeout = setTimeout(() => res.end(), request.timeoutMs);
  res.once('close', () => {
    unsubscribe();
    clearInterval(bookmarks);
    clearTimeout(timeout);
  });
}
