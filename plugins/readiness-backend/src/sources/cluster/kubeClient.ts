/**
 * List requests to one cluster through `@kubernetes/client-node`: its
 * `KubeConfig` applies the credentials and builds the TLS dispatcher (CA
 * bundle, client certificates, proxy), and its HTTP library sends the
 * request. Responses are read as plain JSON, not deserialised into model
 * classes, so objects reach the checks exactly as the API server sent them.
 */
import {
  createConfiguration,
  HttpMethod,
  KubeConfig,
  RequestContext,
  ServerConfiguration,
} from '@kubernetes/client-node';

type Dispatcher = NonNullable<ReturnType<RequestContext['getDispatcher']>>;

/** One page of a list response. */
export interface KubeListPage {
  /** `apiVersion` of the list, e.g. `apps/v1`. */
  apiVersion?: string;
  items: Record<string, unknown>[];
  /** Set when more pages remain. */
  continueToken?: string;
}

/** Why a request failed, with what the retry policy needs to know. */
export class KubeRequestError extends Error {
  override readonly name = 'KubeRequestError';
  /** HTTP status, when the server answered. */
  readonly status?: number;
  /** The `reason` of the server's `Status` body, e.g. `Forbidden`. */
  readonly reason?: string;
  /** Worth trying again: 429, 5xx, timeouts and network errors (not TLS). */
  readonly retryable: boolean;
  /** Delay the server asked for (`Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number;
  /** True when the request was aborted by its own timeout. */
  readonly timedOut: boolean;

  constructor(
    message: string,
    details: {
      status?: number;
      reason?: string;
      retryable: boolean;
      retryAfterMs?: number;
      timedOut?: boolean;
    },
  ) {
    super(message);
    this.status = details.status;
    this.reason = details.reason;
    this.retryable = details.retryable;
    this.retryAfterMs = details.retryAfterMs;
    this.timedOut = details.timedOut ?? false;
  }
}

// Certificate problems do not heal by retrying.
const TLS_ERROR =
  /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|DEPTH_ZERO/;

/** Reads the `Retry-After` header (seconds or an HTTP date) as milliseconds. */
export function parseRetryAfter(
  value: string | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Duck-typed: errors from undici come from another realm in tests. */
function errorLike(error: unknown): {
  name?: string;
  message?: string;
  code?: string;
  cause?: unknown;
} {
  return typeof error === 'object' && error !== null
    ? (error as { name?: string; message?: string; code?: string })
    : { message: String(error) };
}

/** Describes a failed connection: the innermost cause and its code. */
function networkFailure(url: string, error: unknown): KubeRequestError {
  let current = errorLike(error);
  // `fetch failed` wraps the socket or TLS error as its cause.
  for (let depth = 0; depth < 4 && current.cause; depth++) {
    current = errorLike(current.cause);
  }
  const code = current.code ?? '';
  const detail = [code, current.message].filter(Boolean).join(': ');
  if (TLS_ERROR.test(code)) {
    return new KubeRequestError(
      `TLS verification of ${url} failed (${detail}); check the cluster's CA (caData/caFile)`,
      { retryable: false },
    );
  }
  return new KubeRequestError(
    `cannot reach ${url} (${detail || 'network error'})`,
    {
      retryable: true,
    },
  );
}

const STATUS_HINTS: Record<number, string> = {
  401: 'the credentials were rejected; check the service account token',
  403: 'the service account may not list this resource; grant it get/list',
};

/** Describes an HTTP error from the `Status` body the server sent. */
function httpFailure(
  status: number,
  headers: Record<string, string>,
  body: string,
): KubeRequestError {
  let reason: string | undefined;
  let message: string | undefined;
  try {
    const parsed = JSON.parse(body);
    if (parsed?.kind === 'Status') {
      reason = typeof parsed.reason === 'string' ? parsed.reason : undefined;
      message = typeof parsed.message === 'string' ? parsed.message : undefined;
    }
  } catch {
    message = body.trim().slice(0, 200) || undefined;
  }
  let text = `HTTP ${status}${reason ? ` ${reason}` : ''}`;
  if (message) text += `: ${message}`;
  if (STATUS_HINTS[status]) text += ` (${STATUS_HINTS[status]})`;
  return new KubeRequestError(text, {
    status,
    reason,
    retryable: status === 429 || status >= 500,
    retryAfterMs: parseRetryAfter(headers['retry-after']),
  });
}

/**
 * Sends list requests to one cluster. One dispatcher (connection pool) is
 * reused for every request of the client's lifetime; `close()` releases it.
 */
export class KubeListClient {
  readonly #kubeConfig: KubeConfig;
  readonly #configuration: ReturnType<typeof createConfiguration>;
  readonly #server: string;
  #dispatcher: Dispatcher | undefined;

  constructor(kubeConfig: KubeConfig) {
    const cluster = kubeConfig.getCurrentCluster();
    if (!cluster) {
      throw new Error('The kubeconfig has no current cluster');
    }
    this.#kubeConfig = kubeConfig;
    this.#server = cluster.server.replace(/\/+$/, '');
    this.#configuration = createConfiguration({
      baseServer: new ServerConfiguration(this.#server, {}),
      authMethods: { default: kubeConfig },
    });
  }

  /** Lists one page; throws KubeRequestError, or the abort reason of `signal`. */
  async list(
    path: string,
    query: Record<string, string | undefined>,
    options: { signal: AbortSignal; timeoutMs: number },
  ): Promise<KubeListPage> {
    const { url, text } = await this.#get(path, query, options);
    return parseListPage(url, text);
  }

  /** Reads one JSON document, e.g. `/version`; throws as `list` does. */
  async getJson(
    path: string,
    options: { signal: AbortSignal; timeoutMs: number },
  ): Promise<Record<string, unknown>> {
    const { url, text } = await this.#get(path, {}, options);
    try {
      const body = JSON.parse(text);
      if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
        return body;
      }
    } catch {
      // reported below
    }
    throw new KubeRequestError(`${url} did not answer with a JSON object`, {
      retryable: false,
    });
  }

  async #get(
    path: string,
    query: Record<string, string | undefined>,
    options: { signal: AbortSignal; timeoutMs: number },
  ): Promise<{ url: string; text: string }> {
    const context = this.#configuration.baseServer.makeRequestContext(
      path,
      HttpMethod.GET,
    );
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) context.setQueryParam(name, value);
    }
    context.setHeaderParam('Accept', 'application/json');
    try {
      // Headers (token, possibly re-read from a file) and TLS settings.
      await this.#kubeConfig.applySecurityAuthentication(context);
    } catch (error) {
      throw new KubeRequestError(
        `cannot apply the cluster credentials: ${errorLike(error).message}`,
        { retryable: false },
      );
    }
    // client-node builds a new dispatcher per request; keep the first so
    // connections are reused across pages and kinds.
    const dispatcher = context.getDispatcher();
    if (this.#dispatcher) context.setDispatcher(this.#dispatcher);
    else if (dispatcher) this.#dispatcher = dispatcher;

    options.signal.throwIfAborted();
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), options.timeoutMs);
    const onAbort = () => timeout.abort();
    options.signal.addEventListener('abort', onAbort, { once: true });
    context.setSignal(timeout.signal);
    const url = `${this.#server}${path}`;
    try {
      const response = await this.#configuration.httpApi
        .send(context)
        .toPromise();
      const text = await response.body.text();
      if (response.httpStatusCode < 200 || response.httpStatusCode > 299) {
        throw httpFailure(response.httpStatusCode, response.headers, text);
      }
      return { url, text };
    } catch (error) {
      if (error instanceof KubeRequestError) throw error;
      options.signal.throwIfAborted();
      if (timeout.signal.aborted) {
        throw new KubeRequestError(
          `no response from ${url} within ${options.timeoutMs} ms (requestTimeout)`,
          { retryable: true, timedOut: true },
        );
      }
      throw networkFailure(url, error);
    } finally {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
    }
  }

  /** Closes pooled connections. */
  async close(): Promise<void> {
    const dispatcher = this.#dispatcher;
    this.#dispatcher = undefined;
    if (dispatcher) await dispatcher.destroy().catch(() => undefined);
  }
}

function parseListPage(url: string, text: string): KubeListPage {
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    throw new KubeRequestError(`${url} did not answer with JSON`, {
      retryable: false,
    });
  }
  if (!Array.isArray(body?.items)) {
    throw new KubeRequestError(`${url} did not answer with a list`, {
      retryable: false,
    });
  }
  const token = body.metadata?.continue;
  return {
    apiVersion:
      typeof body.apiVersion === 'string' ? body.apiVersion : undefined,
    items: body.items,
    continueToken: typeof token === 'string' && token ? token : undefined,
  };
}
