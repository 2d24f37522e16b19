import { createPermission } from '@backstage/plugin-permission-common';
import {
  readinessCampaignManagePermission,
  readinessEntityReadPermission,
  readinessEntityRefreshPermission,
  readinessPermissions,
  readinessPlatformReadPermission,
  readinessSourcesReadPermission,
} from './permissions';

describe('permissions', () => {
  it('are catalog-entity resource permissions, but for source health, clusters without an entity and campaigns', () => {
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
    expect(readinessSourcesReadPermission).toEqual({
      type: 'basic',
      name: 'readiness.sources.read',
      attributes: { action: 'read' },
    });
    expect(readinessPlatformReadPermission).toEqual({
      type: 'basic',
      name: 'readiness.platform.read',
      attributes: { action: 'read' },
    });
    expect(readinessCampaignManagePermission).toEqual({
      type: 'basic',
      name: 'readiness.campaign.manage',
      attributes: { action: 'update' },
    });
    expect(readinessPermissions).toEqual([
      readinessEntityReadPermission,
      readinessEntityRefreshPermission,
      readinessSourcesReadPermission,
      readinessPlatformReadPermission,
      readinessCampaignManagePermission,
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
    expect(readinessSourcesReadPermission).toEqual(
      createPermission({
        name: 'readiness.sources.read',
        attributes: { action: 'read' },
      }),
    );
  });
});
