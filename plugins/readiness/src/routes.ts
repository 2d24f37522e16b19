import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The readiness overview page. A legacy route ref: the new frontend system
 * converts it in `alpha.tsx`.
 */
export const rootRouteRef = createRouteRef({ id: 'readiness' });

/**
 * The entity's Readiness tab. Links to the tab resolve this ref, so they
 * follow the path the app mounts the tab at (`EntityLayout.Route path` in
 * the legacy system, `config.path` of `entity-content:readiness` in the new
 * one) and disappear when the app has no tab.
 */
export const entityContentRouteRef = createRouteRef({
  id: 'readiness-entity-content',
});
