/**
 * The benchmark's organisation: Components owned by Groups and grouped in
 * Systems, fed to the real catalog by an entity provider; and, on request,
 * the real permission backend with an allow-all policy.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { Entity } from '@backstage/catalog-model';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { authKeepingActor } from '../../src/__testUtils__/authKeepingActor';

export const KUBERNETES_ID = 'backstage.io/kubernetes-id';
const LOCATION = 'url:https://git.example/acme/catalog/blob/main/all.yaml';
/** Components per System. */
const COMPONENTS_PER_SYSTEM = 25;

export const componentName = (index: number) => `service-${index}`;
export const groupName = (index: number) => `team-${index}`;

/** How many teams own this many Components: one per 100, at least 50. */
export const groupsFor = (components: number) =>
  Math.max(50, Math.round(components / 100));

function managed(name: string) {
  return {
    name,
    annotations: {
      'backstage.io/managed-by-location': LOCATION,
      'backstage.io/managed-by-origin-location': LOCATION,
    },
  };
}

function group(index: number): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: managed(groupName(index)),
    spec: { type: 'team', children: [] },
  };
}

// The synthetic workloads fail checks of every severity. Teams exempt some
// (entity annotations), so that levels spread: none, bronze, silver, gold.
const CRITICAL = ['run-as-non-root', 'no-secrets-in-env'];
const HIGH = ['liveness-probe', 'replicas', 'pdb', 'runbook'];
const MEDIUM = [
  'seccomp-profile',
  'metrics-scraped',
  'pod-spread',
  'read-only-root-filesystem',
  'restore-tested',
  'ingress-tls',
  'on-call',
];
const EXEMPTED_FOR_LEVEL = [
  [],
  CRITICAL,
  [...CRITICAL, ...HIGH],
  [...CRITICAL, ...HIGH, ...MEDIUM],
];

/** About 40 % none, 25 % bronze, 20 % silver and 15 % gold. */
function exemptions(index: number): Record<string, string> {
  const share = (index * 37) % 100;
  let level = 3;
  if (share < 40) level = 0;
  else if (share < 65) level = 1;
  else if (share < 85) level = 2;
  return Object.fromEntries(
    EXEMPTED_FOR_LEVEL[level].map(check => [
      `prodready.dev/exempt.${check}`,
      'accepted by the team for the benchmark',
    ]),
  );
}

/**
 * Component `index` of an organisation with `groups` teams: its workloads
 * carry its name as kubernetes-id; runbook, on-call and docs annotations
 * are present on some, and exemptions, so the checks and levels vary.
 */
export function component(index: number, groups: number): Entity {
  const name = componentName(index);
  const { annotations } = managed(name);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      title: `Service ${index}`,
      annotations: {
        ...annotations,
        [KUBERNETES_ID]: name,
        'github.com/project-slug': `acme/${name}`,
        ...(index % 2 === 0
          ? { 'prodready.dev/runbook': `https://runbooks.example/${name}` }
          : {}),
        ...(index % 3 === 0 ? { 'pagerduty.com/service-id': `P${index}` } : {}),
        ...(index % 4 === 0 ? { 'backstage.io/techdocs-ref': 'dir:.' } : {}),
        ...exemptions(index),
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: groupName(index % groups),
      system: `system-${Math.floor(index / COMPONENTS_PER_SYSTEM)}`,
    },
  };
}

export function catalogEntities(components: number, groups: number): Entity[] {
  return [
    ...Array.from({ length: groups }, (_, index) => group(index)),
    ...Array.from({ length: components }, (_, index) =>
      component(index, groups),
    ),
  ];
}

/** Replaces everything it provides on each call, as a full mutation. */
export class BenchEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  getProviderName() {
    return 'readiness-bench';
  }

  async connect(connection: EntityProviderConnection) {
    this.connection = connection;
  }

  async provide(entities: Entity[]) {
    if (!this.connection) {
      throw new Error('The catalog has not connected the benchmark provider');
    }
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: 'readiness-bench',
      })),
    });
  }
}

/** A catalog module that adds the provider. */
export function providerModule(provider: BenchEntityProvider) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'readiness-bench-entities',
    register(env) {
      env.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addEntityProvider(provider);
        },
      });
    },
  });
}

/** The real permission backend, with a policy that allows everything. */
export function permissionFeatures() {
  const allowAll = createBackendModule({
    pluginId: 'permission',
    moduleId: 'readiness-bench-policy',
    register(env) {
      env.registerInit({
        deps: { policy: policyExtensionPoint },
        async init({ policy }) {
          policy.setPolicy({
            handle: async () => ({ result: AuthorizeResult.ALLOW }),
          });
        },
      });
    },
  });
  return [
    permissionPlugin,
    allowAll,
    permissionsServiceFactory,
    authKeepingActor,
  ];
}
