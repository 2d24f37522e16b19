import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { SourcedObject } from '@prodready/backstage-plugin-readiness-common';

/**
 * What a source read in one evaluation cycle.
 *
 * @public
 */
export interface WorkloadSourceSnapshot {
  /** Every object the checks may need: workloads and related kinds. */
  objects: SourcedObject[];
  /** Problems that did not stop the read, e.g. an optional CRD missing. */
  warnings?: string[];
}

/**
 * The part of a source one entity needs, for a refresh of that entity: its
 * workloads, found by its label selector, and what the checks consult
 * beside them.
 *
 * @public
 */
export interface WorkloadScope {
  /** The entity being refreshed, e.g. `component:default/orders`; for logs and errors. */
  entityRef: string;
  /**
   * The entity's workloads, in Kubernetes label selector syntax as the API
   * server's `labelSelector` parameter reads it, e.g.
   * `backstage.io/kubernetes-id=orders` or `app in (orders,orders-worker)`.
   * A workload matches by its own labels or by its pod template's labels.
   */
  labelSelector: string;
  /** Only this namespace, when the entity names one (`backstage.io/kubernetes-namespace`). */
  namespace?: string;
}

/**
 * A place the readiness plugin reads Kubernetes objects from: a live
 * cluster, a folder of manifests, a GitOps repository.
 *
 * @public
 */
export interface WorkloadSource {
  /** Unique, stable id such as `cluster:prod-eu`; results are kept per source. */
  readonly id: string;
  /**
   * The cluster this source stands for, if any. Entities pinned to a cluster
   * with `backstage.io/kubernetes-cluster` read only from sources naming it.
   */
  readonly cluster?: string;
  /**
   * Reads the source once. Throwing marks this source's earlier results as
   * stale with the error's message; they are never erased.
   */
  read(options: { signal?: AbortSignal }): Promise<WorkloadSourceSnapshot>;
  /**
   * Optional: reads only what one entity needs, for a refresh of that entity
   * (`POST /entities/:kind/:namespace/:name/refresh`), which runs inside the
   * request. The result must hold at least what a full `read()` would give
   * for the scope: every workload matching `scope.labelSelector` (in
   * `scope.namespace` when set); every other object of a full read in the
   * namespaces those workloads are in; and every Velero `Schedule` and
   * cluster-scoped object. More is allowed: the plugin picks the entity's
   * objects out as it does from a full read. Throwing works as for `read()`.
   *
   * Without this method a refresh uses the source's last full read, or reads
   * the whole source once when it has never been read.
   */
  readScoped?(
    scope: WorkloadScope,
    options: { signal?: AbortSignal },
  ): Promise<WorkloadSourceSnapshot>;
}

/**
 * Lets backend modules add workload sources to the readiness plugin.
 *
 * @public
 */
export interface ReadinessSourcesExtensionPoint {
  addWorkloadSource(...sources: WorkloadSource[]): void;
}

/**
 * Extension point for workload sources.
 *
 * @public
 */
export const readinessSourcesExtensionPoint =
  createExtensionPoint<ReadinessSourcesExtensionPoint>({
    id: 'readiness.sources',
  });

const SOURCE_ID_PATTERN = /^[a-z0-9][a-z0-9._:/-]{0,126}$/i;

/**
 * Checks what a module hands over before the plugin relies on it, so a
 * broken module fails at start-up with a message naming it.
 *
 * @public
 */
export function assertValidWorkloadSource(
  source: unknown,
): asserts source is WorkloadSource {
  const candidate = source as Partial<WorkloadSource> | undefined;
  if (
    typeof candidate?.id !== 'string' ||
    !SOURCE_ID_PATTERN.test(candidate.id)
  ) {
    throw new TypeError(
      `Invalid readiness workload source id ${JSON.stringify(
        candidate?.id,
      )}: ` + 'use letters, digits and . _ : / - (at most 127 characters)',
    );
  }
  if (typeof candidate.read !== 'function') {
    throw new TypeError(
      `Readiness workload source '${candidate.id}' has no read() function`,
    );
  }
  if (
    candidate.readScoped !== undefined &&
    typeof candidate.readScoped !== 'function'
  ) {
    throw new TypeError(
      `Readiness workload source '${candidate.id}' has a readScoped that is not a function`,
    );
  }
}
