/**
 * Who may see and refresh which scorecards: a user sees an entity's
 * readiness only when the catalog lets them read the entity and the
 * permission policy allows `readiness.entity.read` on it.
 */
import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  readinessEntityReadPermission,
  readinessEntityRefreshPermission,
} from '@prodready/backstage-plugin-readiness-common';
import { stringifyEntityRef } from '@backstage/catalog-model';

// Refs per catalog request; the catalog splits large requests anyway.
const CATALOG_BATCH = 1000;

export class EntityAccess {
  constructor(
    private readonly catalog: CatalogService,
    private readonly permissions: PermissionsService,
  ) {}

  /** Whether the caller may read the entity's scorecard. */
  async canRead(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    return this.isAllowed(
      readinessEntityReadPermission,
      entityRef,
      credentials,
    );
  }

  /** Whether the caller may ask for the entity to be evaluated again. */
  async canRefresh(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    return this.isAllowed(
      readinessEntityRefreshPermission,
      entityRef,
      credentials,
    );
  }

  private async isAllowed(
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) return false;
    const [decision] = await this.permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /**
   * The subset of `entityRefs` whose scorecards the caller may read. Asks
   * the policy once without a resource; only conditional answers need a
   * decision per entity.
   */
  async visibleRefs(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const [policy] = await this.permissions.authorizeConditional(
      [{ permission: readinessEntityReadPermission }],
      { credentials },
    );
    if (policy.result === AuthorizeResult.DENY) return new Set();

    const readable: string[] = [];
    for (let start = 0; start < entityRefs.length; start += CATALOG_BATCH) {
      const batch = entityRefs.slice(start, start + CATALOG_BATCH);
      const { items } = await this.catalog.getEntitiesByRefs(
        {
          entityRefs: batch,
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
        },
        { credentials },
      );
      items.forEach(item => {
        if (item) readable.push(stringifyEntityRef(item));
      });
    }
    if (policy.result === AuthorizeResult.ALLOW) return new Set(readable);

    const decisions = await this.permissions.authorize(
      readable.map(resourceRef => ({
        permission: readinessEntityReadPermission,
        resourceRef,
      })),
      { credentials },
    );
    return new Set(
      readable.filter(
        (_, index) => decisions[index].result === AuthorizeResult.ALLOW,
      ),
    );
  }
}
