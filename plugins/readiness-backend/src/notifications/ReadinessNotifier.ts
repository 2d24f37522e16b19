/**
 * Tells the owners of entities what changed in their readiness, through
 * Backstage's notifications service. Each notification is first claimed in
 * the notification log, so that it goes out once, however many cycles see
 * its cause and however many replicas run them; a send that fails gives the
 * claim back, so a later evaluation tries again.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import type { ReadinessLevel } from '@prodready/backstage-plugin-readiness-common';
import pLimit from 'p-limit';
import type {
  PreviousScorecard,
  ScorecardWrite,
} from '../database/ReadinessStore';
import { decideNotifications } from './decideNotifications';
import { NotificationLog } from './NotificationLog';
import { NotificationSettings } from './notificationSettings';

// Sends at once: the notifications backend resolves each owner's members.
const SEND_CONCURRENCY = 4;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ReadinessNotifier {
  constructor(
    private readonly deps: {
      notifications: NotificationService;
      log: NotificationLog;
      logger: LoggerService;
      settings: NotificationSettings;
      gate: ReadinessLevel;
    },
  ) {}

  /**
   * Sends what the saved scorecards call for, compared with those they
   * replaced. Returns how many notifications this call sent.
   */
  async notify(
    writes: readonly ScorecardWrite[],
    previous: ReadonlyMap<string, PreviousScorecard>,
    now: Date,
  ): Promise<number> {
    const { logger, settings, gate } = this.deps;
    const limit = pLimit(SEND_CONCURRENCY);
    const sends: Promise<boolean>[] = [];
    for (const write of writes) {
      const planned = decideNotifications({
        write,
        previous: previous.get(write.entityRef),
        now,
        gate,
        settings,
      });
      if (planned.length === 0) continue;
      const owner = write.owner;
      if (!owner) {
        logger.debug(
          `Readiness notifies no one about ${write.entityRef}: it has no owner`,
        );
        continue;
      }
      for (const notification of planned) {
        sends.push(
          limit(() =>
            this.send(notification.key, now, {
              recipients: { type: 'entity', entityRef: owner },
              payload: notification.payload,
            }),
          ),
        );
      }
    }
    const sent = await Promise.all(sends);
    return sent.filter(Boolean).length;
  }

  /** Forgets claims made before `before`, with the history they belong to. */
  prune(before: Date): Promise<void> {
    return this.deps.log.prune(before);
  }

  private async send(
    key: string,
    now: Date,
    notification: Parameters<NotificationService['send']>[0],
  ): Promise<boolean> {
    const { log, logger } = this.deps;
    if (!(await log.claim(key, now))) return false;
    try {
      await this.deps.notifications.send(notification);
      return true;
    } catch (error) {
      await log.release(key);
      logger.warn(
        `Readiness could not send the notification "${
          notification.payload.title
        }": ${messageOf(error)}`,
      );
      return false;
    }
  }
}
