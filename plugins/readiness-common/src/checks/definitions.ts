/**
 * The check catalogue: every check's id, category, default severity, target
 * and the prose users see. Order is the order of results in reports.
 */
import { CheckDefinition } from '../types';
import { AVAILABILITY_CHECKS } from './catalogue/availability';
import { HEALTH_CHECKS } from './catalogue/health';
import { NETWORK_CHECKS } from './catalogue/network';
import { OBSERVABILITY_CHECKS } from './catalogue/observability';
import { OPERATIONS_CHECKS } from './catalogue/operations';
import { RECOVERY_CHECKS } from './catalogue/recovery';
import { RESOURCE_CHECKS } from './catalogue/resources';
import { SECRETS_CHECKS } from './catalogue/secrets';
import { SECURITY_CHECKS } from './catalogue/security';
import { SUPPLY_CHAIN_CHECKS } from './catalogue/supplyChain';

/**
 * Every check of the catalogue.
 * @public
 */
export const CHECK_DEFINITIONS: readonly CheckDefinition[] = Object.freeze([
  ...HEALTH_CHECKS,
  ...RESOURCE_CHECKS,
  ...AVAILABILITY_CHECKS,
  ...SECURITY_CHECKS,
  ...SUPPLY_CHAIN_CHECKS,
  ...NETWORK_CHECKS,
  ...SECRETS_CHECKS,
  ...OBSERVABILITY_CHECKS,
  ...RECOVERY_CHECKS,
  ...OPERATIONS_CHECKS,
]);

const BY_ID: ReadonlyMap<string, CheckDefinition> = new Map(
  CHECK_DEFINITIONS.map(definition => [definition.id, definition]),
);

/**
 * Ids of every check, in catalogue order.
 * @public
 */
export const CHECK_IDS: readonly string[] = CHECK_DEFINITIONS.map(
  definition => definition.id,
);

/**
 * The definition of a check, or undefined for an unknown id.
 * @public
 */
export function getCheckDefinition(id: string): CheckDefinition | undefined {
  return BY_ID.get(id);
}

/**
 * True when the id names a check of the catalogue.
 * @public
 */
export function isCheckId(id: string): boolean {
  return BY_ID.has(id);
}
