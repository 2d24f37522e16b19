import type {
  BasicPermission,
  PermissionAttributes,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

// The catalog's resource type, spelled out so this package does not depend
// on @backstage/plugin-catalog-common just for one string.
const RESOURCE_TYPE_CATALOG_ENTITY = 'catalog-entity';

/**
 * The object `createPermission` of @backstage/plugin-permission-common
 * returns for a resource permission, written out: importing that package at
 * run time also loads its HTTP client (fetch polyfills, zod 3), about 30 ms
 * of start-up for the CLI, which authorizes nothing.
 */
function catalogEntityPermission(
  name: string,
  attributes: PermissionAttributes,
): ResourcePermission<typeof RESOURCE_TYPE_CATALOG_ENTITY> {
  return {
    type: 'resource',
    name,
    attributes,
    resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
  };
}

/**
 * Allows reading an entity's readiness report. Conditional on the entity,
 * so catalog permission rules (e.g. ownership) apply.
 * @public
 */
export const readinessEntityReadPermission = catalogEntityPermission(
  'readiness.entity.read',
  { action: 'read' },
);

/**
 * Allows asking for an entity's readiness to be re-evaluated now.
 * @public
 */
export const readinessEntityRefreshPermission = catalogEntityPermission(
  'readiness.entity.refresh',
  { action: 'update' },
);

/**
 * Allows reading the health of the workload sources (which cluster or
 * folder failed to be read, when and why): an administrator's view.
 * @public
 */
export const readinessSourcesReadPermission: BasicPermission = {
  type: 'basic',
  name: 'readiness.sources.read',
  attributes: { action: 'read' },
};

/**
 * Allows reading the platform scorecard of a cluster that has no catalog
 * entity. A cluster with an entity is visible to whoever may read that
 * entity's readiness ({@link readinessEntityReadPermission}).
 * @public
 */
export const readinessPlatformReadPermission: BasicPermission = {
  type: 'basic',
  name: 'readiness.platform.read',
  attributes: { action: 'read' },
};

/**
 * Allows creating, changing and deleting campaigns through the API.
 * Campaigns from configuration stay read-only; reading campaigns needs no
 * permission beyond seeing the entities they count.
 * @public
 */
export const readinessCampaignManagePermission: BasicPermission = {
  type: 'basic',
  name: 'readiness.campaign.manage',
  attributes: { action: 'update' },
};

/**
 * Every permission of the readiness plugin, for registration with the
 * permissions registry.
 * @public
 */
export const readinessPermissions = [
  readinessEntityReadPermission,
  readinessEntityRefreshPermission,
  readinessSourcesReadPermission,
  readinessPlatformReadPermission,
  readinessCampaignManagePermission,
];
