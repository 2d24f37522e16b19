/**
 * Who may see and refresh which scorecards: a user sees an entity's
 * readiness only when the catalog lets them read the entity and the
 * permission policy allows `readiness.entity.read` on it.
 */
import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
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
import { EntityScope } from '../database/ReadinessStore';

// Refs per catalog request; the catalog splits large requests anyway.
const CATALOG_BATCH = 1000;

export class EntityAccess {
  constructor(
    private readonly catalog: CatalogService,
    private readonly permissions: PermissionsService,
  ) {}

  /**
   * How the policy answers for this caller without naming an entity: when
   * it allows both reading entities and reading readiness outright, the
   * catalog would show every entity, and asking it entity by entity (an HTTP
   * round trip each) can be skipped.
   */
  private async readPolicy(
    credentials: BackstageCredentials,
  ): Promise<'allow' | 'deny' | 'conditional'> {
    const decisions = await this.permissions.authorizeConditional(
      [
        { permission: catalogEntityReadPermission },
        { permission: readinessEntityReadPermission },
      ],
      { credentials },
    );
    if (decisions.some(d => d.result === AuthorizeResult.DENY)) return 'deny';
    if (decisions.every(d => d.result === AuthorizeResult.ALLOW)) {
      return 'allow';
    }
    return 'conditional';
  }

  /** Whether the caller may read the entity's scorecard. */
  async canRead(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const policy = await this.readPolicy(credentials);
    if (policy !== 'conditional') return policy === 'allow';
    return this.isAllowed(
      readinessEntityReadPermission,
      entityRef,
      credentials,
    );
  }

  /**
   * Whether the caller may ask for the entity to be evaluated again, or
   * `not-found` when the catalog shows the caller no such entity.
   */
  async refreshAccess(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<'allowed' | 'denied' | 'not-found'> {
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) return 'not-found';
    const [decision] = await this.permissions.authorize(
      [
        {
          permission: readinessEntityRefreshPermission,
          resourceRef: entityRef,
        },
      ],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW ? 'allowed' : 'denied';
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
   * The entities whose scorecards the caller may read, as a scope for the
   * store's queries. Asks the policy once without a resource: an outright
   * allow covers every entity and costs nothing more; only a conditional
   * answer needs the catalog's view and a decision per stored entity.
   */
  async readableScope(
    credentials: BackstageCredentials,
    storedRefs: () => Promise<string[]>,
  ): Promise<EntityScope> {
    const policy = await this.readPolicy(credentials);
    if (policy === 'allow') return { type: 'all' };
    if (policy === 'deny') return { type: 'refs', refs: [] };
    return {
      type: 'refs',
      refs: [...(await this.visibleRefs(await storedRefs(), credentials))],
    };
  }

  /** The subset of `entityRefs` the caller may read, asked entity by entity. */
  private async visibleRefs(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
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
