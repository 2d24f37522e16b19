import { usePermission } from '@backstage/plugin-permission-react';
import { readinessEntityRefreshPermission } from '@prodready/backstage-plugin-readiness-common';

/**
 * Whether the user may have this entity evaluated now. The permission is
 * conditional on the entity, so ownership rules of the policy apply.
 */
export function useRefreshPermission(entityRef: string): {
  loading: boolean;
  allowed: boolean;
} {
  const { loading, allowed } = usePermission({
    permission: readinessEntityRefreshPermission,
    resourceRef: entityRef,
  });
  return { loading, allowed };
}
