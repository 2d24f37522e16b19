import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { readinessApiRef, ReadinessClient } from './api';
import { loadEntityReadinessContent } from './components/EntityReadinessContent/load';
import { rootRouteRef } from './routes';

/**
 * The readiness plugin for the legacy frontend system. Apps on the new
 * frontend system use the default export of `/alpha` instead.
 *
 * @public
 */
export const readinessPlugin = createPlugin({
  id: 'readiness',
  apis: [
    createApiFactory({
      api: readinessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReadinessClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The adoption overview and the check catalogue, for a route such as
 * `<Route path="/readiness" element={<ReadinessPage />} />`.
 *
 * @public
 */
export const ReadinessPage = readinessPlugin.provide(
  createRoutableExtension({
    name: 'ReadinessPage',
    component: () =>
      import('./components/ReadinessPage').then(m => m.ReadinessPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The entity's Readiness tab, for an `EntityLayout.Route` such as
 * `path="/readiness"` with `if={isReadinessAvailable}`.
 *
 * @public
 */
export const EntityReadinessContent = readinessPlugin.provide(
  createComponentExtension({
    name: 'EntityReadinessContent',
    component: {
      lazy: () =>
        loadEntityReadinessContent().then(m => m.EntityReadinessContent),
    },
  }),
);

/**
 * The readiness card for the entity overview. `tabPath` is where the
 * Readiness tab is mounted on the entity page (default `readiness`).
 *
 * @public
 */
export const EntityReadinessCard: (props: { tabPath?: string }) => JSX.Element =
  readinessPlugin.provide(
    createComponentExtension({
      name: 'EntityReadinessCard',
      component: {
        lazy: () =>
          import('./components/EntityReadinessCard').then(
            m => m.EntityReadinessCard,
          ),
      },
    }),
  );
