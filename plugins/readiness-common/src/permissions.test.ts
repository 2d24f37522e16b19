import { createPermission } from '@backstage/plugin-permission-common';
import {
  readinessEntityReadPermission,
  readinessEntityRefreshPermission,
  readinessPermissions,
} from './permissions';

describe('permissions', () => {
  it('are catalog-entity resource permissions', () => {
    expect(readinessEntityReadPermission).toEqual({
      type: 'resource',
      name: 'readiness.entity.read',
      attributes: { action: 'read' },
      resourceType: 'catalog-entity',
    });
    expect(readinessEntityRefreshPermission).toMatchObject({
      name: 'readiness.entity.refresh',
      attributes: { action: 'update' },
      resourceType: 'catalog-entity',
    });
    expect(readinessPermissions).toEqual([
      readinessEntityReadPermission,
      readinessEntityRefreshPermission,
    ]);
  });

  it('are what createPermission makes', () => {
    expect(readinessEntityReadPermission).toEqual(
      createPermission({
        name: 'readiness.entity.read',
        attributes: { action: 'read' },
        resourceType: 'catalog-entity',
      }),
    );
    expect(readinessEntityRefreshPermission).toEqual(
      createPermission({
        name: 'readiness.entity.refresh',
        attributes: { action: 'update' },
        resourceType: 'catalog-entity',
      }),
    );
  });
});
