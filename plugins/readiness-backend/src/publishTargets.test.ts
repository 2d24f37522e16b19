import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readinessPublishTargetsExtensionPoint } from '@prodready/backstage-plugin-readiness-node';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { specCheckedServer } from './__testUtils__/specCheckedServer';
import { readinessPlugin } from './plugin';
import { alphaServiceFactories } from './__testUtils__/alphaServices';

jest.setTimeout(60_000);

const user = mockCredentials.user.header('user:default/maintainer');

/** A loopback server answering as GitHub's REST API would. */
async function startFakeGithub() {
  const seen: { url?: string; authorization?: string }[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url, authorization: req.headers.authorization });
    const answer = (status: number, body: object) =>
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(JSON.stringify(body));
    switch (req.url) {
      case '/repos/acme/web':
      case '/repos/acme/WEB':
        return answer(200, { full_name: 'acme/web', private: true });
      case '/repos/acme/old-name': // GitHub follows a rename
        return answer(200, { full_name: 'acme/new-name' });
      case '/repos/acme/busy':
        return answer(403, { message: 'API rate limit exceeded' });
      default:
        return answer(404, { message: 'Not Found' });
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, seen, apiBaseUrl: `http://127.0.0.1:${port}` };
}

/** The address of a port nothing listens on any more. */
async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

// A module's checker for a made-up `shelf` target: `taken` exists there,
// `bad owner` is a name the publish step would refuse.
const shelfModule = createBackendModule({
  pluginId: 'readiness',
  moduleId: 'test-shelf-target',
  register(env) {
    env.registerInit({
      deps: { publishTargets: readinessPublishTargetsExtensionPoint },
      async init({ publishTargets }) {
        publishTargets.addPublishTargetChecker({
          publishTo: 'shelf',
          async check(repoUrl) {
            if (repoUrl.includes('owner=bad%20owner')) {
              throw new InputError('owner must be a single word');
            }
            if (repoUrl.endsWith('repo=taken')) {
              return {
                available: false,
                checked: true,
                reason: 'acme/taken is already on the shelf',
              };
            }
            if (repoUrl.endsWith('repo=broken')) {
              throw new Error('the shelf fell over');
            }
            return { available: true, checked: true };
          },
        });
      },
    });
  },
});

describe('GET /publish-targets/availability', () => {
  let github: Awaited<ReturnType<typeof startFakeGithub>>;
  let checked: http.Server;

  beforeAll(async () => {
    github = await startFakeGithub();
    const backend = await startTestBackend({
      features: [
        readinessPlugin,
        ...alphaServiceFactories,
        shelfModule,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              github: [
                {
                  host: 'github.com',
                  apiBaseUrl: github.apiBaseUrl,
                  token: 'ghp_portal-token',
                },
                // The same API without credentials.
                { host: 'anonymous.example', apiBaseUrl: github.apiBaseUrl },
                {
                  host: 'ghe.acme.example',
                  apiBaseUrl: await closedPortUrl(),
                  token: 'ghp_other-token',
                },
              ],
            },
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
    checked = await specCheckedServer(backend.server);
  });

  afterAll(() => new Promise(resolve => github.server.close(resolve)));

  const ask = (publishTo: string, repoUrl: string) =>
    request(checked)
      .get('/publish-targets/availability')
      .query({ publishTo, repoUrl })
      .set('Authorization', user);

  it('refuses a GitHub repository that exists, saying which and what to do', async () => {
    const response = await ask('github', 'github.com?owner=acme&repo=web');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      available: false,
      checked: true,
      reason:
        'github.com/acme/web already exists; choose another repository name',
    });
    // Asked with the integration's token, which never shows in the answer.
    expect(github.seen.at(-1)).toEqual({
      url: '/repos/acme/web',
      authorization: 'Bearer ghp_portal-token',
    });
    expect(JSON.stringify(response.body)).not.toContain('ghp_');
  });

  it('refuses the same name in other letter cases: GitHub names ignore case', async () => {
    const response = await ask('github', 'github.com?owner=acme&repo=WEB');
    expect(response.body).toMatchObject({ available: false, checked: true });
  });

  it('accepts a name GitHub does not know', async () => {
    const response = await ask('github', 'github.com?owner=acme&repo=customs');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ available: true, checked: true });
  });

  it('accepts the old name of a renamed repository, and says what reusing it does', async () => {
    const response = await ask('github', 'github.com?owner=acme&repo=old-name');
    expect(response.body).toMatchObject({ available: true, checked: true });
    expect(response.body.reason).toContain(
      'renamed or moved to github.com/acme/new-name',
    );
  });

  it('lets the name through, saying why, when GitHub cannot be reached', async () => {
    const response = await ask(
      'github',
      'ghe.acme.example?owner=acme&repo=web',
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ available: true, checked: false });
    expect(response.body.reason).toMatch(
      /^ghe\.acme\.example\/acme\/web was not checked: GitHub \(http:\/\/127\.0\.0\.1:\d+\) could not be reached \(.*ECONNREFUSED/,
    );
  });

  it('lets the name through when GitHub refuses to answer, with its message', async () => {
    const response = await ask('github', 'github.com?owner=acme&repo=busy');
    expect(response.body).toEqual({
      available: true,
      checked: false,
      reason:
        'github.com/acme/busy was not checked: GitHub answered 403: API rate limit exceeded',
    });
  });

  it('without credentials, refuses a public repository and says private ones are unseen', async () => {
    const taken = await ask('github', 'anonymous.example?owner=acme&repo=web');
    expect(taken.body).toMatchObject({ available: false, checked: true });
    expect(github.seen.at(-1)?.authorization).toBeUndefined();

    const free = await ask('github', 'anonymous.example?owner=acme&repo=new');
    expect(free.body).toEqual({
      available: true,
      checked: false,
      reason:
        'anonymous.example/acme/new is not a public repository; the portal has no GitHub credentials for anonymous.example, so a private one could not be seen',
    });
  });

  it('does not check a host without a GitHub integration, nor names GitHub would not take as they are', async () => {
    const before = github.seen.length;
    const unknownHost = await ask('github', 'gitlab.com?owner=acme&repo=web');
    expect(unknownHost.body).toMatchObject({ available: true, checked: false });
    expect(unknownHost.body.reason).toContain(
      'gitlab.com is not a GitHub host of this portal',
    );
    const dotDot = await ask('github', 'github.com?owner=..&repo=user');
    expect(dotDot.body).toMatchObject({ available: true, checked: false });
    expect(github.seen.length).toBe(before);
  });

  it('answers 400 naming what is missing from the repository location', async () => {
    const response = await ask('github', 'github.com?owner=acme');
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      "Invalid repoUrl 'github.com?owner=acme': no repo; expected <host>?owner=<owner>&repo=<repo>",
    );
    const noParams = await request(checked)
      .get('/publish-targets/availability')
      .query({ publishTo: 'github' })
      .set('Authorization', user);
    expect(noParams.status).toBe(400);
  });

  it("asks a module's checker for its own publishTo value", async () => {
    const taken = await ask('shelf', 'github.com?owner=acme&repo=taken');
    expect(taken.body).toEqual({
      available: false,
      checked: true,
      reason: 'acme/taken is already on the shelf',
    });
    const free = await ask('shelf', 'github.com?owner=acme&repo=spare');
    expect(free.body).toEqual({ available: true, checked: true });
  });

  it("turns a checker's InputError into a 400, and any other failure into a pass", async () => {
    const refused = await ask('shelf', 'github.com?owner=bad%20owner&repo=x');
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe('owner must be a single word');

    const broken = await ask('shelf', 'github.com?owner=acme&repo=broken');
    expect(broken.body).toEqual({
      available: true,
      checked: false,
      reason:
        'The shelf target could not be checked: Error: the shelf fell over',
    });
  });

  it('lets anything through for a publishTo nothing checks', async () => {
    const response = await ask('bitbucket', 'github.com?owner=acme&repo=web');
    expect(response.body).toEqual({
      available: true,
      checked: false,
      reason: "Nothing checks publishTo 'bitbucket' targets in this portal",
    });
  });

  it('requires Backstage credentials', async () => {
    const response = await request(checked)
      .get('/publish-targets/availability')
      .query({ publishTo: 'github', repoUrl: 'github.com?owner=acme&repo=web' })
      .set('Authorization', 'Bearer mock-none-token');
    expect(response.status).toBe(401);
  });
});
