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
import { entityContentRouteRef, rootRouteRef } from './routes';

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
    entityContent: entityContentRouteRef,
  },
});

/**
 * The adoption overview, the campaigns and the check catalogue, for a route such as
 * `<Route path="/readiness" element={<ReadinessPage />} />`.
 *
 * @public
 */
export const ReadinessPage: () => JSX.Element = readinessPlugin.provide(
  createRoutableExtension({
    name: 'ReadinessPage',
    component: () =>
      import('./components/ReadinessPage').then(m => m.ReadinessPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The entity's Readiness tab, for an `EntityLayout.Route` such as
 * `path="/readiness"` with `if={isReadinessAvailable}`. It is the mount point
 * of the plugin's `entityContent` route, so the card's link to it follows
 * whatever path the route has.
 *
 * @public
 */
export const EntityReadinessContent: () => JSX.Element =
  readinessPlugin.provide(
    createRoutableExtension({
      name: 'EntityReadinessContent',
      component: () =>
        loadEntityReadinessContent().then(m => m.EntityReadinessContent),
      mountPoint: entityContentRouteRef,
    }),
  );

/**
 * The readiness card for the entity overview. Its "View readiness" link goes
 * to the entity's Readiness tab wherever it is mounted, and is left out when
 * the app has no tab or `isReadinessAvailable` is false for the entity: give
 * the card the same condition as the tab.
 *
 * @public
 */
export const EntityReadinessCard: () => JSX.Element = readinessPlugin.provide(
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
