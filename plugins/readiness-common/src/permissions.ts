import { createPermission } from '@backstage/plugin-permission-common';

// The catalog's resource type, spelled out so this package does not depend
// on @backstage/plugin-catalog-common just for one string.
const RESOURCE_TYPE_CATALOG_ENTITY = 'catalog-entity';

/**
 * Allows reading an entity's readiness report. Conditional on the entity,
 * so catalog permission rules (e.g. ownership) apply.
 * @public
 */
export const readinessEntityReadPermission = createPermission({
  name: 'readiness.entity.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Allows asking for an entity's readiness to be re-evaluated now.
 * @public
 */
export const readinessEntityRefreshPermission = createPermission({
  name: 'readiness.entity.refresh',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Every permission of the readiness plugin, for registration with the
 * permissions registry.
 * @public
 */
export const readinessPermissions = [
  readinessEntityReadPermission,
  readinessEntityRefreshPermission,
];
