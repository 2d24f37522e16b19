import type { PermissionApi } from '@backstage/plugin-permission-react';

type Decision = Awaited<ReturnType<PermissionApi['authorize']>>;

/**
 * A permission API that answers every request the same way. Written out
 * rather than taken from `mockApis.permission`, whose options need the
 * `AuthorizeResult` enum of a package this plugin does not depend on.
 *
 * usePermission caches answers per permission and resource across renders
 * (SWR), so tests that deny and allow use different entities.
 */
export function permissionApiAnswering(allowed: boolean): PermissionApi {
  const result = (allowed ? 'ALLOW' : 'DENY') as unknown as Decision['result'];
  return { authorize: async () => ({ result } as Decision) };
}
