import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import readinessPlugin from '@prodready/backstage-plugin-readiness-backend';
import https from 'node:https';
import { readinessModuleDemoClusters } from './module';
// The readiness plugin needs these alpha services; createBackend adds them,
// startTestBackend does not.
import {
  actionsRegistryServiceFactory,
  metricsServiceFactory,
} from '@backstage/backend-defaults/alpha';

/** Whether anything still listens at a URL (any answer counts). */
function listening(url: string): Promise<boolean> {
  return new Promise(resolve => {
    const request = https.get(url, { rejectUnauthorized: false, agent: false });
    request.on('response', response => {
      response.resume();
      resolve(true);
    });
    request.on('error', () => resolve(false));
  });
}

describe('readinessModuleDemoClusters', () => {
  it('adds prod-eu and staging to the clusters the readiness plugin reads, and stops them with the backend', async () => {
    const info = jest.spyOn(console, 'info').mockImplementation(() => {});
    const backend = await startTestBackend({
      features: [
        readinessPlugin,
        metricsServiceFactory,
        actionsRegistryServiceFactory,
        readinessModuleDemoClusters,
        catalogServiceMock.factory(),
        mockServices.rootLogger.factory({ level: 'info' }),
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
    const messages = info.mock.calls.map(([message]) => String(message));
    info.mockRestore();

    expect(messages).toContainEqual(
      expect.stringMatching(
        /Readiness workload sources: cluster:prod-eu, cluster:staging$/,
      ),
    );
    const urls = messages
      .join('\n')
      .match(/Demo clusters: prod-eu at (\S+), staging at (\S+)/)
      ?.slice(1);
    expect(urls).toHaveLength(2);
    for (const url of urls!) {
      expect(await listening(`${url}/version`)).toBe(true);
    }

    await backend.stop();
    for (const url of urls!) {
      expect(await listening(`${url}/version`)).toBe(false);
    }
  });
});
