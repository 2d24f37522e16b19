import { Entity } from '@backstage/catalog-model';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';

/**
 * A catalog module whose entity provider puts `entities` into the real
 * catalog of a test backend, as a provider in a portal would.
 */
export function catalogEntitiesModule(moduleId: string, entities: Entity[]) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId,
    register(env) {
      env.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addEntityProvider({
            getProviderName: () => moduleId,
            connect: async connection => {
              await connection.applyMutation({
                type: 'full',
                entities: entities.map(entity => ({
                  entity,
                  locationKey: 'test',
                })),
              });
            },
          });
        },
      });
    },
  });
}

/** Where the test entities say they were read from, as entity providers must. */
const TEST_LOCATION = 'url:https://git.example/acme/catalog/blob/main/all.yaml';

const MANAGED_BY = {
  'backstage.io/managed-by-location': TEST_LOCATION,
  'backstage.io/managed-by-origin-location': TEST_LOCATION,
};

/**
 * A production service of team-a ({@link TEAM_A}) whose workloads carry
 * its name as `backstage.io/kubernetes-id`; `annotations` adds to or
 * replaces its annotations.
 */
export function serviceComponent(
  name: string,
  options: {
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
    title?: string;
    system?: string;
  } = {},
): Entity {
  const { annotations, labels, title, system } = options;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      ...(title && { title }),
      ...(labels && { labels }),
      annotations: {
        ...MANAGED_BY,
        'backstage.io/kubernetes-id': name,
        ...annotations,
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'team-a',
      ...(system && { system }),
    },
  };
}

/** The group that owns every {@link serviceComponent}. */
export const TEAM_A: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-a', annotations: MANAGED_BY },
  spec: { type: 'team', children: [] },
};
