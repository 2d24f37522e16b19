import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import readinessPlugin from '@prodready/backstage-plugin-readiness-backend';
import type { AddressInfo } from 'node:net';
import { createLocalPublishTargetChecker } from './localPublishTarget';
import demoLocalPublishing from './index';
import { createPublishLocalAction } from './publishLocal';
// The readiness plugin needs these alpha services; createBackend adds them,
// startTestBackend does not.
import {
  actionsRegistryServiceFactory,
  metricsServiceFactory,
} from '@backstage/backend-defaults/alpha';

jest.setTimeout(60_000);

describe('the form check for publishTo local', () => {
  const mockDir = createMockDirectory();
  const repos = mockDir.resolve('repos');
  let baseUrl: string;

  beforeAll(async () => {
    mockDir.setContent({
      repos: { acme: { empty: {}, 'a-file': 'not a folder' } },
      workspace: { 'catalog-info.yaml': 'kind: Component\n' },
    });
    // The readiness backend with the demo's local publishing, added as the
    // portal adds it: its checker answers for publishTo local.
    const { server } = await startTestBackend({
      features: [
        readinessPlugin,
        metricsServiceFactory,
        actionsRegistryServiceFactory,
        demoLocalPublishing,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: {
            scaffolder: { localPublish: { directory: repos } },
            readiness: {
              schedule: {
                frequency: { hours: 1 },
                timeout: { minutes: 1 },
                initialDelay: { hours: 1 },
              },
            },
          },
        }),
      ],
    });
    baseUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
  });

  async function ask(repoUrl: string) {
    const query = new URLSearchParams({ publishTo: 'local', repoUrl });
    const response = await fetch(
      `${baseUrl}/api/readiness/publish-targets/availability?${query}`,
      { headers: { Authorization: mockCredentials.user.header() } },
    );
    return { status: response.status, body: await response.json() };
  }

  it('accepts a name publish:local has not written, and refuses it once written', async () => {
    const repoUrl = 'github.com?owner=acme&repo=web';
    expect(await ask(repoUrl)).toEqual({
      status: 200,
      body: { available: true, checked: true },
    });

    const ctx = createMockActionContext({
      input: { repoUrl },
      workspacePath: mockDir.resolve('workspace'),
    });
    await createPublishLocalAction({ directory: repos }).handler(ctx as any);

    expect(await ask(repoUrl)).toEqual({
      status: 200,
      body: {
        available: false,
        checked: true,
        reason: `acme/web already exists in the local folder (${repos}/acme/web); choose another repository name, or delete that folder first`,
      },
    });
  });

  it('refuses a name whose folder is there but empty, or is a file: publish:local would not write there', async () => {
    for (const repo of ['empty', 'a-file']) {
      const { body } = await ask(`github.com?owner=acme&repo=${repo}`);
      expect(body).toMatchObject({ available: false, checked: true });
      expect(body.reason).toContain(`acme/${repo} already exists`);
    }
  });

  it('refuses, with publish:local own message, a name that could leave the folder', async () => {
    const { status, body } = await ask('github.com?owner=..&repo=etc');
    expect(status).toBe(400);
    expect(body.error.message).toBe(
      "Invalid repoUrl 'github.com?owner=..&repo=etc': owner must be a name of letters, digits, '.', '_' or '-'",
    );
  });

  it('refuses every name when local publishing is off, saying how to turn it on', async () => {
    const checker = createLocalPublishTargetChecker({ directory: undefined });
    await expect(
      checker.check('github.com?owner=acme&repo=web', {}),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(
        'scaffolder.localPublish.directory is not set',
      ),
    });
  });
});
