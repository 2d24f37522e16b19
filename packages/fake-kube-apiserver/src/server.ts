/**
 * A Kubernetes-API-compatible HTTPS server on loopback: discovery, list and
 * get of the kinds the readiness plugin reads, paging, selectors, bearer
 * tokens and TLS with its own CA, plus fault injection and a request log.
 */
import { randomBytes } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { FakeKubeCertificates, generateCertificates } from './certificates';
import { FaultHandle, FaultInjector, FaultSpec, FaultTarget } from './faults';
import {
  CrdToServe,
  crdObjectOf,
  groupVersionOf,
  OPTIONAL_CRDS,
  ResourceCatalog,
  ResourceType,
} from './resources';
import { labelMatcher, parseFieldSelector, SelectorError } from './selectors';
import { forbiddenMessage, statusObject } from './status';
import { ContinueTokenError, FakeKubeObject, ObjectStore } from './store';
import { streamWatch, WatchStreams } from './watch';

/** How to start a fake server. @public */
export interface FakeKubeApiServerOptions {
  /** The bearer token clients must send; random when absent. */
  token?: string;
  /**
   * Custom resources to serve, or `'all'` (every optional one); none by
   * default. Each also appears as a `CustomResourceDefinition` object and in
   * discovery, as when its operator is installed.
   */
  crds?: readonly CrdToServe[] | 'all';
  /** The `gitVersion` `/version` reports; default `v1.33.0`. */
  version?: string;
  /** Objects to serve from the start. */
  objects?: readonly FakeKubeObject[];
  /**
   * How many earlier states to keep for paged lists in progress; a continue
   * token older than that gets 410 Expired. Default 16.
   */
  snapshotRetention?: number;
  /** Reuse certificates (e.g. one CA for several servers); generated otherwise. */
  certificates?: FakeKubeCertificates;
  /**
   * How often a watch with `allowWatchBookmarks=true` gets a BOOKMARK
   * event; default 60,000 ms, about what a real server does.
   */
  bookmarkIntervalMs?: number;
  /**
   * How many object changes to keep for watches that resume from a resource
   * version; older ones get a 410 ERROR event. Default 10,000.
   */
  watchHistory?: number;
}

/** One request the server received. @public */
export interface FakeKubeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** `list`, `watch`, `get` or `discovery`; absent for anything else. */
  verb?: 'list' | 'watch' | 'get' | 'discovery';
  /** API group of the resource ('' for core). */
  group?: string;
  version?: string;
  /** Plural resource name, e.g. `deployments`. */
  resource?: string;
  /** Namespace from the path, for namespaced requests. */
  namespace?: string;
  /** Status code answered; 0 while pending or when the connection was dropped. */
  status: number;
  /** When it arrived (`Date.now()`). */
  receivedAt: number;
  /** Milliseconds from arrival to answer. */
  durationMs?: number;
}

/** Selects logged requests; all fields given must match. @public */
export type FakeKubeRequestFilter =
  | ((request: FakeKubeRequest) => boolean)
  | {
      method?: string;
      path?: string | RegExp;
      verb?: FakeKubeRequest['verb'];
      /** Plural (`deployments`) or plural and group (`deployments.apps`). */
      resource?: string;
      namespace?: string;
      status?: number;
    };

/** A running fake API server. @public */
export interface FakeKubeApiServer {
  /** `https://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** The CA certificate, PEM. */
  readonly caPem: string;
  /** The CA certificate, base64 of the PEM (kubeconfig `certificate-authority-data`, Backstage `caData`). */
  readonly caData: string;
  /** The bearer token the server accepts. */
  readonly token: string;
  /** A copy of the request log, oldest first. */
  readonly requests: FakeKubeRequest[];
  /** Number of logged requests matching the filter (all when absent). */
  requestCount(filter?: FakeKubeRequestFilter): number;
  /** Empties the request log. */
  resetRequests(): void;
  /** Replaces every object. */
  setObjects(objects: readonly FakeKubeObject[]): void;
  /** Adds or replaces objects (by kind, namespace and name). Batch them: each call is one change. */
  addObjects(objects: readonly FakeKubeObject[]): void;
  /** Removes objects (by kind, namespace and name). */
  removeObjects(objects: readonly FakeKubeObject[]): void;
  /** Removes every object. */
  clear(): void;
  /** Number of stored objects, the served custom resources' CRD objects included. */
  objectCount(): number;
  /** Makes every continue token issued so far "too old" (410 Expired). */
  expireContinueTokens(): void;
  /** Forgets the changes kept for watches: resuming from an earlier version gets 410. */
  expireWatchHistory(): void;
  /** Ends every open watch stream, as a server restart does; clients watch again. */
  endWatches(): void;
  /** Number of watch streams open now. */
  openWatchCount(): number;
  /** Injects a fault; see {@link FaultSpec}. */
  injectFault(spec: FaultSpec): FaultHandle;
  /**
   * Answers the next `times` requests for a resource (string: `deployments`
   * or `deployments.apps`) or a path (RegExp) with an error status.
   */
  failNext(
    target: string | RegExp,
    status: number,
    times?: number,
    extra?: Omit<FaultSpec, 'resource' | 'path' | 'status' | 'times'>,
  ): FaultHandle;
  /** Answers the next `times` matching requests only after `delayMs`. */
  delayNext(
    target: string | RegExp,
    delayMs: number,
    times?: number,
  ): FaultHandle;
  /** Withdraws every fault. */
  clearFaults(): void;
  /** Changes the `gitVersion` `/version` reports (e.g. `v1.29.4-eks-1234`). */
  setVersion(gitVersion: string): void;
  /** A kubeconfig (JSON, which is YAML too) for this server. */
  kubeconfig(options?: { name?: string; token?: string }): string;
  /** Stops the server and drops open connections. */
  close(): Promise<void>;
}

interface Route {
  verb?: FakeKubeRequest['verb'];
  /** Set for a watch: streams instead of answering once. */
  watch?: (res: ServerResponse) => void;
  type?: ResourceType;
  group?: string;
  version?: string;
  namespace?: string;
  name?: string;
  /** Answers the request once faults are dealt with. */
  answer(): Answer;
}

interface Answer {
  status: number;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
}

function json(status: number, body: unknown): Answer {
  return {
    status,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

function failure(
  status: number,
  message?: string,
  details?: Record<string, unknown>,
): Answer {
  return json(status, statusObject(status, message, details));
}

const PAGE_NOT_FOUND: Answer = {
  status: 404,
  body: '404 page not found\n',
  contentType: 'text/plain; charset=utf-8',
};

function matchesFilter(
  request: FakeKubeRequest,
  filter: FakeKubeRequestFilter | undefined,
): boolean {
  if (!filter) return true;
  if (typeof filter === 'function') return filter(request);
  if (filter.method && filter.method.toUpperCase() !== request.method) {
    return false;
  }
  if (filter.path !== undefined) {
    const ok =
      typeof filter.path === 'string'
        ? filter.path === request.path
        : filter.path.test(request.path);
    if (!ok) return false;
  }
  if (filter.verb && filter.verb !== request.verb) return false;
  if (filter.resource !== undefined) {
    const qualified = request.group
      ? `${request.resource}.${request.group}`
      : request.resource;
    if (filter.resource !== request.resource && filter.resource !== qualified) {
      return false;
    }
  }
  if (
    filter.namespace !== undefined &&
    filter.namespace !== request.namespace
  ) {
    return false;
  }
  if (filter.status !== undefined && filter.status !== request.status) {
    return false;
  }
  return true;
}

function parseLimit(raw: string | null): number | undefined {
  if (raw === null || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw)) {
    throw new SelectorError(
      `limit: Invalid value: "${raw}": must be an integer`,
    );
  }
  const limit = Number(raw);
  return limit > 0 ? limit : undefined;
}

const GIT_VERSION = /^v(\d+)\.(\d+)\.\d+/;

function checkedGitVersion(version: string): string {
  if (!GIT_VERSION.test(version)) {
    throw new TypeError(
      `fake-kube-apiserver: version "${version}" is not a gitVersion like v1.33.0`,
    );
  }
  return version;
}

/** The `/version` document, as the real server builds it. */
function versionInfo(gitVersion: string): object {
  const [, major, minor] = GIT_VERSION.exec(gitVersion)!;
  return {
    major,
    minor,
    gitVersion,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.24.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/**
 * Starts a fake Kubernetes API server on 127.0.0.1 with a random port.
 * @public
 */
export async function startFakeKubeApiServer(
  options: FakeKubeApiServerOptions = {},
): Promise<FakeKubeApiServer> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const certificates = options.certificates ?? (await generateCertificates());
  const catalog = new ResourceCatalog(
    options.crds === 'all' ? OPTIONAL_CRDS : options.crds ?? [],
  );
  const store = new ObjectStore(
    catalog,
    options.snapshotRetention ?? 16,
    options.watchHistory,
  );
  const watches = new WatchStreams();
  // The definitions of the served custom resources are always there; objects
  // set later with the same name replace them.
  const crdObjects = catalog.customResources.map(crdObjectOf);
  store.set([...crdObjects, ...(options.objects ?? [])]);
  let gitVersion = checkedGitVersion(options.version ?? 'v1.33.0');
  const faults = new FaultInjector();
  const log: FakeKubeRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let address = '127.0.0.1:0';

  function watchStream(route: Route, query: URLSearchParams) {
    const labelSelector = query.get('labelSelector') ?? '';
    const rawVersion = query.get('resourceVersion');
    const resourceVersion = rawVersion ? Number(rawVersion) : undefined;
    if (
      resourceVersion !== undefined &&
      !Number.isSafeInteger(resourceVersion)
    ) {
      throw new SelectorError(
        `resourceVersion: Invalid value: "${rawVersion}": must be an integer`,
      );
    }
    const timeoutSeconds = Number(query.get('timeoutSeconds'));
    const request = {
      type: route.type!,
      namespace: route.namespace,
      labels: labelSelector ? labelMatcher(labelSelector) : undefined,
      fields: parseFieldSelector(query.get('fieldSelector') ?? ''),
      resourceVersion,
      bookmarks: query.get('allowWatchBookmarks') === 'true',
      // A real server ends a watch after 30 to 60 minutes when not asked.
      timeoutMs: timeoutSeconds > 0 ? timeoutSeconds * 1000 : 30 * 60_000,
    };
    return (res: ServerResponse) =>
      streamWatch({
        store,
        request,
        res,
        bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
        streams: watches,
      });
  }

  function listAnswer(route: Route, query: URLSearchParams): Answer {
    const type = route.type!;
    const labelSelector = query.get('labelSelector') ?? '';
    const page = store.list({
      type,
      namespace: route.namespace,
      labels: labelSelector ? labelMatcher(labelSelector) : undefined,
      hasLabelSelector: labelSelector.trim().length > 0,
      fields: parseFieldSelector(query.get('fieldSelector') ?? ''),
      limit: parseLimit(query.get('limit')),
      continueToken: query.get('continue') || undefined,
    });
    const metadata: Record<string, unknown> = {
      resourceVersion: page.resourceVersion,
    };
    if (page.continueToken) metadata.continue = page.continueToken;
    if (page.remainingItemCount !== undefined) {
      metadata.remainingItemCount = page.remainingItemCount;
    }
    const head = JSON.stringify({
      kind: `${type.kind}List`,
      apiVersion: groupVersionOf(type.group, type.version),
      metadata,
    });
    return json(200, `${head.slice(0, -1)},"items":[${page.items.join(',')}]}`);
  }

  function getAnswer(route: Route): Answer {
    const type = route.type!;
    const stored = store.get(type, route.namespace, route.name!);
    if (stored === undefined) {
      const qualified = type.group
        ? `${type.resource}.${type.group}`
        : type.resource;
      return failure(404, `${qualified} "${route.name}" not found`, {
        name: route.name,
        group: type.group,
        kind: type.resource,
      });
    }
    if (type.crd) return json(200, stored);
    const head = JSON.stringify({
      kind: type.kind,
      apiVersion: groupVersionOf(type.group, type.version),
    });
    return json(200, `${head.slice(0, -1)},${stored.slice(1)}`);
  }

  function resourceRoute(
    group: string,
    version: string,
    rest: string[],
    query: URLSearchParams,
  ): Route {
    const groupVersion = groupVersionOf(group, version);
    let namespace: string | undefined;
    let resource: string;
    let name: string | undefined;
    let tooLong = false;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      [, namespace, resource, name] = rest;
      tooLong = rest.length > 4;
    } else {
      [resource, name] = rest;
      tooLong = rest.length > 2;
    }
    const type = catalog.served(groupVersion, resource);
    const notFound: Route = { group, version, answer: () => failure(404) };
    if (!type || tooLong) return notFound;
    if (namespace !== undefined && !type.namespaced) return notFound;
    if (namespace === undefined && name !== undefined && type.namespaced) {
      return notFound;
    }
    const watch =
      name === undefined &&
      (query.get('watch') === 'true' || query.get('watch') === '1');
    let verb: Route['verb'] = name === undefined ? 'list' : 'get';
    if (watch) verb = 'watch';
    const route: Route = {
      verb,
      type,
      group,
      version,
      namespace,
      name,
      answer: () =>
        name === undefined ? listAnswer(route, query) : getAnswer(route),
    };
    return route;
  }

  function resolveRoute(path: string, query: URLSearchParams): Route {
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    const [root, second, third] = segments;
    if (segments.length === 0) {
      return {
        answer: () =>
          json(200, { paths: ['/api', '/api/v1', '/apis', '/version'] }),
      };
    }
    if (
      segments.length === 1 &&
      ['healthz', 'livez', 'readyz'].includes(root)
    ) {
      return {
        answer: () => ({
          status: 200,
          body: 'ok',
          contentType: 'text/plain; charset=utf-8',
        }),
      };
    }
    if (segments.length === 1 && root === 'version') {
      return {
        answer: () => json(200, versionInfo(gitVersion)),
      };
    }
    if (root === 'api') {
      if (segments.length === 1) {
        return {
          verb: 'discovery',
          answer: () => json(200, catalog.apiVersions(address)),
        };
      }
      if (second !== 'v1') return { answer: () => failure(404) };
      if (segments.length === 2) {
        return {
          verb: 'discovery',
          group: '',
          version: 'v1',
          answer: () => json(200, catalog.apiResourceList('', 'v1')),
        };
      }
      return resourceRoute('', 'v1', segments.slice(2), query);
    }
    if (root === 'apis') {
      if (segments.length === 1) {
        return {
          verb: 'discovery',
          answer: () => json(200, catalog.apiGroupList()),
        };
      }
      if (segments.length === 2) {
        return {
          verb: 'discovery',
          group: second,
          answer: () =>
            catalog.hasGroup(second)
              ? json(200, catalog.apiGroup(second))
              : failure(404),
        };
      }
      if (segments.length === 3) {
        return {
          verb: 'discovery',
          group: second,
          version: third,
          answer: () => {
            const list = catalog.apiResourceList(second, third);
            return list ? json(200, list) : failure(404);
          },
        };
      }
      return resourceRoute(second, third, segments.slice(3), query);
    }
    return { answer: () => PAGE_NOT_FOUND };
  }

  function send(
    request: FakeKubeRequest,
    started: number,
    res: ServerResponse,
    answer: Answer,
  ): void {
    request.status = answer.status;
    request.durationMs = Date.now() - started;
    if (res.destroyed || res.writableEnded) return;
    const body = Buffer.from(answer.body, 'utf8');
    res.writeHead(answer.status, {
      'Content-Type': answer.contentType ?? 'application/json',
      'Content-Length': String(body.length),
      ...answer.headers,
    });
    res.end(body);
  }

  function delay(ms: number, res: ServerResponse): Promise<void> {
    return new Promise(resolve => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
      res.once('close', () => {
        clearTimeout(timer);
        timers.delete(timer);
        resolve();
      });
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const request: FakeKubeRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: 0,
      receivedAt: started,
    };
    log.push(request);

    if (req.headers.authorization !== `Bearer ${token}`) {
      send(request, started, res, failure(401));
      return;
    }
    let target: Route;
    try {
      target = resolveRoute(url.pathname, url.searchParams);
    } catch {
      target = { answer: () => failure(400, 'malformed path') };
    }
    request.verb = target.verb;
    if (target.group !== undefined) request.group = target.group;
    if (target.version !== undefined) request.version = target.version;
    if (target.type) request.resource = target.type.resource;
    if (target.namespace !== undefined) request.namespace = target.namespace;

    const faultTarget: FaultTarget = {
      method: request.method,
      path: request.path,
      query: request.query,
      type: target.type,
    };
    const fault = faults.take(faultTarget);
    if (fault?.delayMs) await delay(fault.delayMs, res);
    if (res.destroyed) return;
    if (fault?.dropConnection) {
      request.durationMs = Date.now() - started;
      req.socket.destroy();
      return;
    }
    if (fault?.status !== undefined) {
      const headers: Record<string, string> = {};
      const retryAfter =
        fault.retryAfterSeconds ?? (fault.status === 429 ? 1 : undefined);
      if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
      const message =
        fault.message ??
        (fault.status === 403 && target.type
          ? forbiddenMessage(
              target.type.group,
              target.type.resource,
              target.namespace,
            )
          : undefined);
      send(request, started, res, {
        ...failure(fault.status, message),
        headers,
      });
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(request, started, res, failure(405));
      return;
    }
    let answer: Answer;
    try {
      if (target.verb === 'watch') {
        const stream = watchStream(target, url.searchParams);
        request.status = 200;
        request.durationMs = Date.now() - started;
        stream(res);
        return;
      }
      answer = target.answer();
    } catch (error) {
      if (error instanceof SelectorError) {
        answer = failure(400, error.message);
      } else if (error instanceof ContinueTokenError) {
        answer = failure(error.code, error.message);
      } else {
        answer = failure(500, `fake-kube-apiserver: ${String(error)}`);
      }
    }
    send(request, started, res, answer);
  }

  const server: Server = createServer(
    { key: certificates.keyPem, cert: certificates.certPem },
    (req, res) => {
      handle(req, res).catch(error => {
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(statusObject(500, String(error))));
        }
      });
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  address = `127.0.0.1:${port}`;
  const url = `https://127.0.0.1:${port}`;
  const caData = Buffer.from(certificates.caPem, 'utf8').toString('base64');

  const targetSpec = (target: string | RegExp): FaultSpec =>
    typeof target === 'string' ? { resource: target } : { path: target };

  return {
    url,
    port,
    caPem: certificates.caPem,
    caData,
    token,
    get requests() {
      return log.map(request => ({ ...request }));
    },
    requestCount(filter) {
      let count = 0;
      for (const request of log) {
        if (matchesFilter(request, filter)) count++;
      }
      return count;
    },
    resetRequests() {
      log.length = 0;
    },
    setObjects(objects) {
      store.set([...crdObjects, ...objects]);
    },
    addObjects(objects) {
      store.add(objects);
    },
    removeObjects(objects) {
      store.remove(objects);
    },
    clear() {
      store.set(crdObjects);
    },
    objectCount() {
      return store.count();
    },
    expireContinueTokens() {
      store.expireSnapshots();
    },
    expireWatchHistory() {
      store.expireChanges();
    },
    endWatches() {
      watches.endAll();
    },
    openWatchCount() {
      return watches.size;
    },
    injectFault(spec) {
      return faults.add(spec);
    },
    failNext(target, status, times = 1, extra = {}) {
      return faults.add({ ...extra, ...targetSpec(target), status, times });
    },
    delayNext(target, delayMs, times = 1) {
      return faults.add({ ...targetSpec(target), delayMs, times });
    },
    clearFaults() {
      faults.clear();
    },
    setVersion(version) {
      gitVersion = checkedGitVersion(version);
    },
    kubeconfig({ name = 'fake', token: userToken = token } = {}) {
      return JSON.stringify(
        {
          apiVersion: 'v1',
          kind: 'Config',
          clusters: [
            {
              name,
              cluster: { server: url, 'certificate-authority-data': caData },
            },
          ],
          users: [{ name, user: { token: userToken } }],
          contexts: [{ name, context: { cluster: name, user: name } }],
          'current-context': name,
        },
        null,
        2,
      );
    },
    async close() {
      faults.clear();
      watches.endAll();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>(resolve =>
        server.close(() => resolve()),
      );
      server.closeAllConnections();
      await closed;
    },
  };
}
