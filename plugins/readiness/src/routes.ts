import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The readiness overview page. A legacy route ref: the new frontend system
 * converts it in `alpha.tsx`.
 */
export const rootRouteRef = createRouteRef({ id: 'readiness' });
