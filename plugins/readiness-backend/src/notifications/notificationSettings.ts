/**
 * `readiness.notifications`: whether the owners of entities are told when
 * their readiness gets worse or better, or their workloads drift from Git,
 * and about which causes.
 */
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** Why an owner is notified. */
export type NotificationCause =
  | 'level-dropped'
  | 'below-gate'
  | 'gate-reached'
  | 'exemption-expiring'
  | 'exemption-expired'
  | 'drift-detected';

export const NOTIFICATION_CAUSES: readonly NotificationCause[] = [
  'level-dropped',
  'below-gate',
  'gate-reached',
  'exemption-expiring',
  'exemption-expired',
  'drift-detected',
];

export interface NotificationSettings {
  enabled: boolean;
  /** The causes notified; every one unless configured otherwise. */
  causes: ReadonlySet<NotificationCause>;
  /** Days before an exemption's end date from which its owner is warned. */
  exemptionWarningDays: number;
  /** The path of the entity page's readiness tab, e.g. `readiness`. */
  entityTabPath: string;
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  enabled: false,
  causes: new Set(NOTIFICATION_CAUSES),
  exemptionWarningDays: 7,
  entityTabPath: 'readiness',
};

function isCause(value: string): value is NotificationCause {
  return (NOTIFICATION_CAUSES as readonly string[]).includes(value);
}

/** Reads `notifications` of the `readiness` block; throws naming the key at fault. */
export function readNotificationSettings(
  readiness: Config | undefined,
): NotificationSettings {
  const block = readiness?.getOptionalConfig('notifications');
  if (!block) return DEFAULT_NOTIFICATION_SETTINGS;
  const key = (name: string) => `readiness.notifications.${name}`;

  const causes = block.getOptionalConfig('causes');
  const enabledCauses = new Set(NOTIFICATION_CAUSES);
  for (const name of causes?.keys() ?? []) {
    if (!isCause(name)) {
      throw new InputError(
        `Invalid config ${key(
          `causes.${name}`,
        )}: not a cause; the causes are ${NOTIFICATION_CAUSES.join(', ')}`,
      );
    }
    if (causes?.getBoolean(name) === false) enabledCauses.delete(name);
  }

  const warningDays =
    block.getOptionalNumber('exemptionWarningDays') ??
    DEFAULT_NOTIFICATION_SETTINGS.exemptionWarningDays;
  if (!Number.isInteger(warningDays) || warningDays < 0) {
    throw new InputError(
      `Invalid config ${key(
        'exemptionWarningDays',
      )}: expected a whole number of days, 0 or more, got ${warningDays}`,
    );
  }

  const tabPath = (
    block.getOptionalString('entityTabPath') ??
    DEFAULT_NOTIFICATION_SETTINGS.entityTabPath
  ).replace(/^\/+|\/+$/g, '');
  if (!tabPath) {
    throw new InputError(
      `Invalid config ${key('entityTabPath')}: must not be empty`,
    );
  }

  return {
    enabled: block.getOptionalBoolean('enabled') ?? false,
    causes: enabledCauses,
    exemptionWarningDays: warningDays,
    entityTabPath: tabPath,
  };
}
