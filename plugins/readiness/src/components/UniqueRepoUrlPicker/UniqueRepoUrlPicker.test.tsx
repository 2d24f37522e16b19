import { ResponseError } from '@backstage/errors';
import {
  ScmIntegrationsApi,
  scmAuthApiRef,
  scmIntegrationsApiRef,
} from '@backstage/integration-react';
import { SecretsContextProvider } from '@backstage/plugin-scaffolder-react';
import {
  createFieldValidation,
  Stepper,
} from '@backstage/plugin-scaffolder-react/alpha';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import { scaffolderApiMock } from '@backstage/plugin-scaffolder-react/testUtils';
import type { PublishTargetAvailability } from '@prodready/backstage-plugin-readiness-common';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
  TestApiRegistry,
} from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readinessApiRef } from '../../api';
import readinessPlugin from '../../alpha';
import { fakeReadinessApi } from '../../__testUtils__/fixtures';
import { stockRepoUrlPicker } from './stockRepoUrlPicker';
import { validateUniqueRepoUrl } from './validation';

const scmIntegrations = ScmIntegrationsApi.fromConfig(
  mockApis.config({
    data: { integrations: { github: [{ host: 'github.com' }] } },
  }),
);

/**
 * The readiness backend as the field sees it: `acme/web` exists on GitHub
 * and in the local folder; every question is kept.
 */
function backend(
  answer: (options: {
    repoUrl: string;
    publishTo: string;
  }) => Promise<PublishTargetAvailability> = async ({ repoUrl, publishTo }) =>
    repoUrl.endsWith('repo=web')
      ? {
          available: false,
          checked: true,
          reason:
            publishTo === 'github'
              ? 'github.com/acme/web already exists; choose another repository name'
              : 'acme/web already exists in the local folder (/repos/acme/web); choose another repository name, or delete that folder first',
        }
      : { available: true, checked: true },
) {
  const asked: { repoUrl: string; publishTo: string }[] = [];
  const api = fakeReadinessApi({
    getPublishTargetAvailability: async options => {
      asked.push(options);
      return answer(options);
    },
  });
  return { api, asked };
}

async function errorsFor(
  repoUrl: string,
  formData: Record<string, unknown>,
  readiness = backend(),
) {
  const validation = createFieldValidation();
  await validateUniqueRepoUrl(repoUrl, validation, {
    apiHolder: TestApiRegistry.from(
      [readinessApiRef, readiness.api],
      [scmIntegrationsApiRef, scmIntegrations],
    ),
    formData: { repoUrl, ...formData },
    schema: {},
    uiSchema: {},
  });
  return validation.__errors ?? [];
}

describe('validateUniqueRepoUrl', () => {
  it('refuses a repository that exists on GitHub, saying what to do', async () => {
    const readiness = backend();
    expect(
      await errorsFor(
        'github.com?owner=acme&repo=web',
        { publishTo: 'github' },
        readiness,
      ),
    ).toEqual([
      'github.com/acme/web already exists; choose another repository name',
    ]);
    expect(readiness.asked).toEqual([
      { repoUrl: 'github.com?owner=acme&repo=web', publishTo: 'github' },
    ]);
  });

  it('asks about the target the form publishes to', async () => {
    const readiness = backend();
    const [error] = await errorsFor(
      'github.com?owner=acme&repo=web',
      { publishTo: 'local' },
      readiness,
    );
    expect(error).toContain('already exists in the local folder');
    expect(readiness.asked[0].publishTo).toBe('local');
  });

  it('accepts a free name', async () => {
    expect(
      await errorsFor('github.com?owner=acme&repo=customs', {
        publishTo: 'github',
      }),
    ).toEqual([]);
  });

  it('without a publishTo field, checks a GitHub location on GitHub and leaves other hosts alone', async () => {
    const readiness = backend();
    expect(
      await errorsFor('github.com?owner=acme&repo=web', {}, readiness),
    ).toHaveLength(1);
    expect(
      await errorsFor('gitlab.com?owner=acme&repo=web', {}, readiness),
    ).toEqual([]);
    expect(readiness.asked.map(question => question.repoUrl)).toEqual([
      'github.com?owner=acme&repo=web',
    ]);
  });

  it("keeps the RepoUrlPicker's own checks, and asks nothing of an incomplete location", async () => {
    const readiness = backend();
    expect(
      await errorsFor(
        'github.com?owner=acme',
        { publishTo: 'github' },
        readiness,
      ),
    ).toEqual(['Incomplete repository location provided, repo not provided']);
    expect(readiness.asked).toEqual([]);
  });

  it('lets the name through when the check cannot be made', async () => {
    const unreachable = backend(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(
      await errorsFor(
        'github.com?owner=acme&repo=web',
        { publishTo: 'github' },
        unreachable,
      ),
    ).toEqual([]);
  });

  it('shows why the backend refused a location the publish step would refuse too', async () => {
    const refused = backend(async () => {
      throw await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'InputError',
              message:
                'Local publishing is off: it is meant for development portals',
            },
            response: { statusCode: 400 },
          }),
          { status: 400, headers: { 'Content-Type': 'application/json' } },
        ),
      );
    });
    expect(
      await errorsFor(
        'github.com?owner=acme&repo=web',
        { publishTo: 'local' },
        refused,
      ),
    ).toEqual(['Local publishing is off: it is meant for development portals']);
  });
});

describe('UniqueRepoUrlPicker in a template form', () => {
  // A whole scaffolder form renders slowly the first time.
  jest.setTimeout(30_000);
  // The stepper scrolls to the top on each step; jsdom has no scrolling.
  beforeAll(() => {
    window.scrollTo = () => {};
  });

  const manifest = {
    title: 'New service',
    steps: [
      {
        title: 'Repository',
        schema: {
          required: ['repoUrl', 'publishTo'],
          properties: {
            repoUrl: {
              title: 'Repository location',
              type: 'string',
              'ui:field': 'UniqueRepoUrlPicker',
              'ui:options': { allowedHosts: ['github.com'] },
            },
            publishTo: {
              title: 'Publish to',
              type: 'string',
              enum: ['github', 'local'],
              default: 'local',
            },
          },
        },
      },
    ],
  };

  async function renderForm() {
    const scaffolderApi = scaffolderApiMock.mock({
      getIntegrationsList: async () => ({
        integrations: [{ host: 'github.com', type: 'github', title: 'GitHub' }],
      }),
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [readinessApiRef, backend().api],
          [scmIntegrationsApiRef, scmIntegrations],
          [scmAuthApiRef, { getCredentials: jest.fn() }],
          [scaffolderApiRef, scaffolderApi],
        ]}
      >
        <SecretsContextProvider>
          <Stepper
            manifest={manifest}
            extensions={[
              {
                name: 'UniqueRepoUrlPicker',
                component: stockRepoUrlPicker(),
                validation: validateUniqueRepoUrl,
              },
            ]}
            onCreate={async () => {}}
          />
        </SecretsContextProvider>
      </TestApiProvider>,
    );
  }

  async function fillIn(owner: string, repo: string) {
    await userEvent.type(await screen.findByLabelText(/Owner/), owner);
    await userEvent.type(screen.getByLabelText(/Repository/), repo);
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
  }

  it('shows the stock RepoUrlPicker and keeps the user on the page when the name is taken', async () => {
    await renderForm();
    await fillIn('acme', 'web');

    expect(
      await screen.findAllByText(
        /acme\/web already exists in the local folder/,
      ),
    ).not.toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Review' })).toBeInTheDocument();
  });

  it('moves on with a free name', async () => {
    await renderForm();
    await fillIn('acme', 'customs');

    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Create' }),
      ).toBeInTheDocument(),
    );
    expect(screen.queryByText(/already exists/)).not.toBeInTheDocument();
  });
});

describe('the form field in the new frontend system', () => {
  it('is an extension of the readiness plugin, for templates to name in ui:field', async () => {
    expect(
      readinessPlugin.getExtension(
        'scaffolder-form-field:readiness/unique-repo-url-picker',
      ),
    ).toBeDefined();
    const { uniqueRepoUrlPickerField } = await import('./field');
    expect(uniqueRepoUrlPickerField.$$type).toBe(
      '@backstage/scaffolder/FormField',
    );
  });
});
