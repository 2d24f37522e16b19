/**
 * The platform check catalogue, in report order (the spec's table):
 * observability, networking, security, delivery, recovery, scaling,
 * operations, storage, tenancy. `workloads-ready` comes last, since it
 * sums up the workloads rather than the platform.
 */
import { CheckDefinition } from '../../types';
import { PLATFORM_DELIVERY_CHECKS } from './delivery';
import { PLATFORM_NETWORKING_CHECKS } from './networking';
import { PLATFORM_OBSERVABILITY_CHECKS } from './observability';
import { PLATFORM_OPERATIONS_CHECKS } from './operations';
import { PLATFORM_RECOVERY_CHECKS } from './recovery';
import { PLATFORM_SCALING_CHECKS } from './scaling';
import { PLATFORM_SECURITY_CHECKS } from './security';
import { PLATFORM_STORAGE_CHECKS } from './storage';
import { PLATFORM_TENANCY_CHECKS } from './tenancy';

const [gitops, workloadsReady] = PLATFORM_DELIVERY_CHECKS;

/**
 * Every platform check (target `cluster`).
 * @public
 */
export const PLATFORM_CHECK_DEFINITIONS: readonly CheckDefinition[] =
  Object.freeze([
    ...PLATFORM_OBSERVABILITY_CHECKS,
    ...PLATFORM_NETWORKING_CHECKS,
    ...PLATFORM_SECURITY_CHECKS,
    gitops,
    ...PLATFORM_RECOVERY_CHECKS,
    ...PLATFORM_SCALING_CHECKS,
    ...PLATFORM_OPERATIONS_CHECKS,
    ...PLATFORM_STORAGE_CHECKS,
    ...PLATFORM_TENANCY_CHECKS,
    workloadsReady,
  ]);

/** Ids of every platform check, in catalogue order. @public */
export const PLATFORM_CHECK_IDS: readonly string[] = Object.freeze(
  PLATFORM_CHECK_DEFINITIONS.map(definition => definition.id),
);
