/**
 * Who may see which platform scorecards: a cluster with a catalog entity is
 * visible to whoever may read that entity's readiness; a cluster without
 * one to whoever has `readiness.platform.read`.
 */
import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { readinessPlatformReadPermission } from '@prodready/backstage-plugin-readiness-common';
import { EntityAccess } from './EntityAccess';

/** What visibility depends on: the cluster's entity, if it has one. */
export interface ClusterOwnership {
  cluster: string;
  entityRef?: string;
}

export class PlatformAccess {
  constructor(
    private readonly entities: EntityAccess,
    private readonly permissions: PermissionsService,
  ) {}

  private async mayReadUnlinked(
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const [decision] = await this.permissions.authorize(
      [{ permission: readinessPlatformReadPermission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** Whether the caller may read this cluster's platform scorecard. */
  async canRead(
    cluster: ClusterOwnership,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    return cluster.entityRef
      ? this.entities.canRead(cluster.entityRef, credentials)
      : this.mayReadUnlinked(credentials);
  }

  /** The clusters among these the caller may see, in their order. */
  async visible<T extends ClusterOwnership>(
    clusters: readonly T[],
    credentials: BackstageCredentials,
  ): Promise<T[]> {
    const linked = clusters.flatMap(c => (c.entityRef ? [c.entityRef] : []));
    const unlinkedAllowed = clusters.some(c => !c.entityRef)
      ? await this.mayReadUnlinked(credentials)
      : false;
    const scope =
      linked.length > 0
        ? await this.entities.readableScope(credentials, async () => linked)
        : undefined;
    const readable = scope?.type === 'refs' ? new Set(scope.refs) : undefined;
    return clusters.filter(cluster => {
      if (!cluster.entityRef) return unlinkedAllowed;
      return scope?.type === 'all' || Boolean(readable?.has(cluster.entityRef));
    });
  }
}
