import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import readinessPlugin from '@prodready/backstage-plugin-readiness-backend';
import type { AddressInfo } from 'node:net';
import { readinessModuleDemoChecks } from './module';
// The readiness plugin needs these alpha services; createBackend adds them,
// startTestBackend does not.
import {
  actionsRegistryServiceFactory,
  metricsServiceFactory,
} from '@backstage/backend-defaults/alpha';

describe('readinessModuleDemoChecks', () => {
  it('adds memory-burst-ratio to the check catalogue the portal serves', async () => {
    const { server } = await startTestBackend({
      features: [
        readinessPlugin,
        metricsServiceFactory,
        actionsRegistryServiceFactory,
        readinessModuleDemoChecks,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: {
            readiness: {
              schedule: {
                frequency: { trigger: 'manual' },
                timeout: { minutes: 1 },
              },
            },
          },
        }),
      ],
    });

    const port = (server.address() as AddressInfo).port;
    const response = await fetch(
      `http://localhost:${port}/api/readiness/checks`,
      { headers: { authorization: mockCredentials.user.header() } },
    );

    expect(response.status).toBe(200);
    const { items } = await response.json();
    expect(items.at(-1)).toMatchObject({
      id: 'memory-burst-ratio',
      origin: 'custom',
      scope: 'container',
      category: 'resources',
      severity: 'low',
    });
  });
});
