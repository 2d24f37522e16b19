/**
 * Renders components the way the legacy frontend system does, with the
 * readiness API, a permission API, a catalog holding two systems, the
 * readiness page mounted at /readiness and, for entity components, the entity.
 */
import type { Entity } from '@backstage/catalog-model';
import { configApiRef } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  permissionApiRef,
  type PermissionApi,
} from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type { ReactElement } from 'react';
import { readinessApiRef, type ReadinessApi } from '../api';
import { rootRouteRef } from '../routes';
import { fakeReadinessApi, systems } from './fixtures';
import { permissionApiAnswering } from './permissions';

export function renderReadiness(
  element: ReactElement,
  options: {
    api?: Partial<ReadinessApi>;
    /** Whether `readiness.entity.refresh` is allowed; default yes. */
    mayRefresh?: boolean;
    /** A permission API of the test's own, e.g. to watch its calls. */
    permissionApi?: PermissionApi;
    entity?: Entity;
    config?: NonNullable<Parameters<typeof mockApis.config>[0]>['data'];
    /** The location(s) the test app starts at, e.g. `['/?campaign=pdb']`. */
    routeEntries?: string[];
  } = {},
) {
  const api = fakeReadinessApi(options.api);
  const content = options.entity ? (
    <EntityProvider entity={options.entity}>{element}</EntityProvider>
  ) : (
    element
  );
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [readinessApiRef, api],
        [
          permissionApiRef,
          options.permissionApi ??
            permissionApiAnswering(options.mayRefresh ?? true),
        ],
        [configApiRef, mockApis.config({ data: options.config ?? {} })],
        [catalogApiRef, catalogApiMock({ entities: systems })],
      ]}
    >
      {content}
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/readiness': rootRouteRef,
      },
      routeEntries: options.routeEntries,
    },
  );
}
