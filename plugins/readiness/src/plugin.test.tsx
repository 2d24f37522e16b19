/**
 * The legacy frontend system as an app wires it: the catalog's entity page
 * with EntityLayout and EntitySwitch, card and tab on the same condition as
 * the README shows.
 */
import type { Entity } from '@backstage/catalog-model';
import { FlatRoutes } from '@backstage/core-app-api';
import { configApiRef } from '@backstage/core-plugin-api';
import {
  CatalogEntityPage,
  catalogPlugin,
  DefaultEntityPresentationApi,
  EntityLayout,
  EntitySwitch,
} from '@backstage/plugin-catalog';
import {
  catalogApiRef,
  entityPresentationApiRef,
  MockStarredEntitiesApi,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { configure, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route } from 'react-router-dom';
import { readinessApiRef } from './api';
import { entity, fakeReadinessApi } from './__testUtils__/fixtures';
import { permissionApiAnswering } from './__testUtils__/permissions';
import {
  EntityReadinessCard,
  EntityReadinessContent,
  isReadinessAvailable,
} from './index';

// A whole app renders here, its pages loaded lazily: on a busy machine that
// takes seconds, so queries wait longer than the default second.
configure({ asyncUtilTimeout: 15_000 });
jest.setTimeout(60_000);

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'cx' },
  spec: { type: 'team', children: [] },
};

/** The overview content of the README's snippet: the card on its condition. */
const overviewContent = (
  <EntitySwitch>
    <EntitySwitch.Case if={isReadinessAvailable}>
      <EntityReadinessCard />
    </EntitySwitch.Case>
  </EntitySwitch>
);

/** An entity page with the tab at `tabPath`, or without a tab. */
function entityPage(tabPath?: string) {
  return (
    <EntityLayout>
      <EntityLayout.Route path="/" title="Overview">
        {overviewContent}
      </EntityLayout.Route>
      {tabPath && (
        <EntityLayout.Route
          path={tabPath}
          title="Readiness"
          if={isReadinessAvailable}
        >
          <EntityReadinessContent />
        </EntityLayout.Route>
      )}
    </EntityLayout>
  );
}

function renderLegacyApp(options: {
  entityPage: JSX.Element;
  entity?: Entity;
}) {
  const shown = options.entity ?? entity;
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [readinessApiRef, fakeReadinessApi()],
        [permissionApiRef, permissionApiAnswering(true)],
        [catalogApiRef, catalogApiMock({ entities: [shown] })],
        [starredEntitiesApiRef, new MockStarredEntitiesApi()],
        [entityPresentationApiRef, DefaultEntityPresentationApi.createLocal()],
        [
          configApiRef,
          mockApis.config({
            data: {
              app: { baseUrl: 'http://localhost:3000' },
              backend: { baseUrl: 'http://localhost:7007' },
            },
          }),
        ],
      ]}
    >
      <FlatRoutes>
        <Route
          path="/catalog/:namespace/:kind/:name"
          element={<CatalogEntityPage />}
        >
          {options.entityPage}
        </Route>
      </FlatRoutes>
    </TestApiProvider>,
    {
      // EntityLayout links back to the catalog index.
      mountedRoutes: { '/catalog': catalogPlugin.routes.catalogIndex },
      routeEntries: [
        `/catalog/default/${shown.kind.toLocaleLowerCase('en-US')}/${
          shown.metadata.name
        }`,
      ],
    },
  );
}

const viewReadiness = { name: /View readiness/ };

/**
 * The catalog's entity page loads the entity, then the lazy card: in a
 * clean clone under the whole suite's load the first render of a lazy
 * module took over ten seconds once.
 */
function findCard() {
  return screen.findByText('Top failing checks', undefined, {
    timeout: 30_000,
  });
}

describe('readiness plugin in the legacy frontend system', () => {
  it('links the card to the tab at its default path, and the link opens it', async () => {
    renderLegacyApp({ entityPage: entityPage('/readiness') });

    expect(await findCard()).toBeInTheDocument();
    const link = screen.getByRole('link', viewReadiness);
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/notification-service/readiness',
    );

    await userEvent.click(link);
    expect(
      await screen.findByRole('button', { name: 'Refresh' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Readiness' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  it('links the card to the path the app mounts the tab at', async () => {
    renderLegacyApp({ entityPage: entityPage('/production-readiness') });

    expect(await findCard()).toBeInTheDocument();
    const link = screen.getByRole('link', viewReadiness);
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/notification-service/production-readiness',
    );

    await userEvent.click(link);
    expect(
      await screen.findByRole('button', { name: 'Refresh' }),
    ).toBeInTheDocument();
  });

  it('offers no link when the app has no Readiness tab', async () => {
    renderLegacyApp({ entityPage: entityPage() });

    expect(await findCard()).toBeInTheDocument();
    expect(screen.queryByRole('link', viewReadiness)).not.toBeInTheDocument();
  });

  it('offers no link on an entity the tab is not shown for', async () => {
    // The card placed without the README's condition, on a team's page.
    renderLegacyApp({
      entity: group,
      entityPage: (
        <EntityLayout>
          <EntityLayout.Route path="/" title="Overview">
            <EntityReadinessCard />
          </EntityLayout.Route>
          <EntityLayout.Route
            path="/readiness"
            title="Readiness"
            if={isReadinessAvailable}
          >
            <EntityReadinessContent />
          </EntityLayout.Route>
        </EntityLayout>
      ),
    });

    expect(await findCard()).toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'Readiness' })).toBeNull();
    expect(screen.queryByRole('link', viewReadiness)).not.toBeInTheDocument();
  });
});
