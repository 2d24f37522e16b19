import type { Entity } from '@backstage/catalog-model';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  routeResolutionApiRef,
  useApiHolder,
} from '@backstage/frontend-plugin-api';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { useCallback } from 'react';
import { isReadinessAvailable } from '../model/entity';
import { entityContentRouteRef } from '../routes';

/**
 * The link to the Readiness tab of the entity whose page this is, or
 * undefined when the page has no such tab: the app mounts none, or the
 * entity is one the tab is not shown for.
 *
 * The route ref is resolved from the current location, so the entity page's
 * own route supplies kind, namespace and name, in both frontend systems.
 */
export function useCurrentEntityTabLink(entity: Entity): string | undefined {
  let link: string | undefined;
  try {
    // Throws when the ref is mounted nowhere: the app has no Readiness tab.
    // It runs all its own hooks before it throws, so the hook order stays
    // fixed; createRoutableExtension probes a mount point the same way.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    link = useRouteRef(entityContentRouteRef)();
  } catch {
    link = undefined;
  }
  return isReadinessAvailable(entity) ? link : undefined;
}

/**
 * Links from outside an entity page (the overview's rows): to the entity's
 * Readiness tab where the app can say where that is, else to the entity page.
 *
 * The new frontend system resolves the tab from the entity page's path. The
 * legacy system can only resolve it from a location on that page, so there
 * the link opens the entity page, whose readiness card leads to the tab.
 */
export function useEntityTabLinks(): (entityRef: string) => string {
  const entityPageLink = useEntityRefLink();
  const routeResolution = useApiHolder().get(routeResolutionApiRef);
  return useCallback(
    (entityRef: string) => {
      const entityPage = entityPageLink(entityRef);
      try {
        const tab = routeResolution?.resolve(
          convertLegacyRouteRef(entityContentRouteRef),
          { sourcePath: entityPage },
        );
        return tab?.() ?? entityPage;
      } catch {
        // The entity page is not where the tab's parent route is mounted.
        return entityPage;
      }
    },
    [entityPageLink, routeResolution],
  );
}
