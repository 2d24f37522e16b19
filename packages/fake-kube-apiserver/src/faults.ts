/**
 * Fault injection: make chosen requests fail, answer slowly or lose their
 * connection, for the next few requests or for all of them.
 */
import { ResourceType } from './resources';

/** What to do to matching requests. @public */
export interface FaultSpec {
  /**
   * Only requests for this resource: its plural (`deployments`) or plural
   * and group (`deployments.apps`, `rollouts.argoproj.io`).
   */
  resource?: string;
  /** Only requests whose path equals this string or matches this pattern. */
  path?: string | RegExp;
  /** Only requests with this method; any method when absent. */
  method?: string;
  /**
   * Only requests this returns true for, e.g. pages after the first:
   * `({ query }) => 'continue' in query`.
   */
  match?: (request: {
    method: string;
    path: string;
    query: Readonly<Record<string, string>>;
  }) => boolean;
  /**
   * Answer with this HTTP status and a `Status` body (403, 429, 500, 503,
   * ...). Without it the request is answered normally (after `delayMs`).
   */
  status?: number;
  /** The `Status` message; a realistic default per code otherwise. */
  message?: string;
  /** `Retry-After` header in seconds; default 1 for 429. */
  retryAfterSeconds?: number;
  /** Wait this long before answering (a slow server). */
  delayMs?: number;
  /** Destroy the connection instead of answering (a network error). */
  dropConnection?: boolean;
  /** How many matching requests this applies to; default 1, `Infinity` for all. */
  times?: number;
}

/** An injected fault, to inspect or withdraw. @public */
export interface FaultHandle {
  /** Requests this fault has been applied to so far. */
  readonly hits: number;
  /** Requests it will still apply to. */
  readonly remaining: number;
  /** Withdraws the fault. */
  remove(): void;
}

/** What a fault is matched against. */
export interface FaultTarget {
  method: string;
  path: string;
  query: Readonly<Record<string, string>>;
  type?: ResourceType;
}

interface ActiveFault {
  spec: FaultSpec;
  hits: number;
  remaining: number;
}

function matches(spec: FaultSpec, target: FaultTarget): boolean {
  if (spec.method && spec.method.toUpperCase() !== target.method) return false;
  if (spec.path !== undefined) {
    const ok =
      typeof spec.path === 'string'
        ? spec.path === target.path
        : spec.path.test(target.path);
    if (!ok) return false;
  }
  if (spec.match && !spec.match(target)) return false;
  if (spec.resource !== undefined) {
    const type = target.type;
    if (!type) return false;
    const qualified = type.group
      ? `${type.resource}.${type.group}`
      : type.resource;
    if (spec.resource !== type.resource && spec.resource !== qualified) {
      return false;
    }
  }
  return true;
}

/** The faults of one server, applied in the order they were added. */
export class FaultInjector {
  #faults: ActiveFault[] = [];

  add(spec: FaultSpec): FaultHandle {
    const times = spec.times ?? 1;
    if (!(times > 0)) {
      throw new RangeError('fake-kube-apiserver: fault times must be > 0');
    }
    if (
      spec.status === undefined &&
      spec.delayMs === undefined &&
      !spec.dropConnection
    ) {
      throw new TypeError(
        'fake-kube-apiserver: a fault needs a status, a delayMs or dropConnection',
      );
    }
    const fault: ActiveFault = { spec, hits: 0, remaining: times };
    this.#faults.push(fault);
    const remove = () => {
      this.#faults = this.#faults.filter(f => f !== fault);
    };
    return {
      get hits() {
        return fault.hits;
      },
      get remaining() {
        return fault.remaining;
      },
      remove,
    };
  }

  clear(): void {
    this.#faults = [];
  }

  /** The first fault that matches, consumed once; undefined if none. */
  take(target: FaultTarget): FaultSpec | undefined {
    for (const fault of this.#faults) {
      if (fault.remaining <= 0 || !matches(fault.spec, target)) continue;
      fault.remaining--;
      fault.hits++;
      if (fault.remaining <= 0) {
        this.#faults = this.#faults.filter(f => f !== fault);
      }
      return fault.spec;
    }
    return undefined;
  }
}
