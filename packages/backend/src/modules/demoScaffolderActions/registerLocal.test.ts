import { createMockDirectory } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject } from '@backstage/types';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRegisterLocalAction } from './registerLocal';

const ENTITY = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: web }
spec: { type: service, owner: group:default/shop, lifecycle: experimental }
`;

describe('catalog:register:local', () => {
  const mockDir = createMockDirectory();
  const repos = mockDir.resolve('portal/.local-repos');
  const repo = path.join(repos, 'acme', 'web');
  const catalogFile = path.join(repo, 'catalog-info.yaml');

  /** The Location the portal's config makes for templates/local-repos.yaml. */
  const localReposLocation = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: {
      name: 'local-repos',
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${mockDir.resolve(
          'portal/templates/local-repos.yaml',
        )}`,
      },
    },
    spec: {
      type: 'file',
      target: '../.local-repos/*/*/catalog-info.yaml',
      presence: 'optional',
    },
  };
  const otherLocation = {
    ...localReposLocation,
    metadata: { name: 'examples', namespace: 'default' },
    spec: { type: 'file', target: mockDir.resolve('portal/examples/*.yaml') },
  };

  function registeredWeb(location = `file:${catalogFile}`) {
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'web',
        namespace: 'default',
        annotations: { 'backstage.io/managed-by-location': location },
      },
      spec: {},
    };
  }

  beforeEach(() => {
    mockDir.setContent({
      'portal/.local-repos/acme/web/catalog-info.yaml': ENTITY,
      'portal/elsewhere/catalog-info.yaml': ENTITY,
    });
  });

  async function run(
    catalog: ReturnType<typeof catalogServiceMock.mock>,
    input: JsonObject = { repoContentsUrl: pathToFileURL(repo).href },
  ) {
    const ctx = createMockActionContext({ input });
    const outcome = await createRegisterLocalAction({
      directory: repos,
      catalog,
      pollIntervalMs: 1,
    })
      .handler(ctx as any)
      .then(
        () => 'registered',
        (error: Error) => error,
      );
    return {
      outcome,
      outputs: Object.fromEntries((ctx.output as jest.Mock).mock.calls),
    };
  }

  it('refreshes the location that reads the folder and waits for the entity', async () => {
    const catalog = catalogServiceMock.mock({
      getEntities: jest.fn().mockResolvedValue({
        items: [localReposLocation, otherLocation],
      }),
      getEntityByRef: jest
        .fn()
        .mockResolvedValueOnce(undefined)
        .mockResolvedValueOnce(undefined)
        .mockResolvedValue(registeredWeb()),
    });

    const { outcome, outputs } = await run(catalog);

    expect(outcome).toBe('registered');
    expect(catalog.getEntities).toHaveBeenCalledWith(
      { filter: { kind: 'Location', 'spec.type': 'file' } },
      expect.objectContaining({ credentials: expect.anything() }),
    );
    expect(catalog.refreshEntity).toHaveBeenCalledTimes(1);
    expect(catalog.refreshEntity).toHaveBeenCalledWith(
      'location:default/local-repos',
      expect.anything(),
    );
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(3);
    expect(outputs).toEqual({
      entityRef: 'component:default/web',
      catalogInfoUrl: pathToFileURL(catalogFile).href,
    });
  });

  it('explains what to configure when no catalog location reads the folder', async () => {
    const catalog = catalogServiceMock.mock({
      getEntities: jest.fn().mockResolvedValue({ items: [otherLocation] }),
    });

    const { outcome } = await run(catalog);

    expect((outcome as Error).name).toBe('InputError');
    expect((outcome as Error).message).toMatch(
      /No catalog location reads the local publish folder .*catalog\.locations/,
    );
    expect(catalog.refreshEntity).not.toHaveBeenCalled();
  });

  it('fails when an entity of the same name comes from somewhere else', async () => {
    const catalog = catalogServiceMock.mock({
      getEntities: jest.fn().mockResolvedValue({ items: [localReposLocation] }),
      getEntityByRef: jest
        .fn()
        .mockResolvedValue(registeredWeb('url:https://github.com/acme/web')),
    });

    const { outcome } = await run(catalog);

    expect((outcome as Error).name).toBe('ConflictError');
    expect((outcome as Error).message).toContain(
      'component:default/web is already in the catalog, read from url:https://github.com/acme/web',
    );
  });

  it('gives up after the timeout and says where to look', async () => {
    const catalog = catalogServiceMock.mock({
      getEntities: jest.fn().mockResolvedValue({ items: [localReposLocation] }),
      getEntityByRef: jest.fn().mockResolvedValue(undefined),
    });
    jest.useFakeTimers({ doNotFake: ['setTimeout'] });
    jest.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    (catalog.getEntityByRef as jest.Mock).mockImplementation(async () => {
      jest.setSystemTime(Date.now() + 10_000);
      return undefined;
    });

    const { outcome } = await run(catalog, {
      repoContentsUrl: pathToFileURL(repo).href,
      timeoutSeconds: 30,
    });
    jest.useRealTimers();

    expect((outcome as Error).name).toBe('NotFoundError');
    expect((outcome as Error).message).toMatch(
      /not in the catalog 30 s after location:default\/local-repos was refreshed; look for processing errors of file:/,
    );
  });

  it('only registers repositories inside the local publish folder', async () => {
    const catalog = catalogServiceMock.mock();

    const outside = await run(catalog, {
      repoContentsUrl: pathToFileURL(mockDir.resolve('portal/elsewhere')).href,
    });
    expect((outside.outcome as Error).message).toMatch(
      /is not a repository in the local publish folder/,
    );

    const escaping = await run(catalog, {
      repoContentsUrl: pathToFileURL(repo).href,
      catalogInfoPath: '../../../elsewhere/catalog-info.yaml',
    });
    expect((escaping.outcome as Error).message).toMatch(/outside/i);

    const notAFile = await run(catalog, {
      repoContentsUrl: 'https://github.com/acme/web/blob/main',
    });
    expect((notAFile.outcome as Error).message).toMatch(
      /must be the file: URL publish:local gave/,
    );
    expect(catalog.refreshEntity).not.toHaveBeenCalled();
  });
});
