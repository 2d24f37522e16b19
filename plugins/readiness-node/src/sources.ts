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
}
