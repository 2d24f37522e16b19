/**
 * Campaign notifications, sent from the scheduled cycle after the
 * campaigns' progress is recorded: to the owners in scope when a campaign
 * starts, a weekly reminder to the owners still failing, one at the due
 * date to those still failing, and a weekly summary to the campaign's own
 * owner. Each is claimed in the notification log under its key first, so it
 * goes out once however many cycles and replicas see it.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type {
  CampaignDefinition,
  CampaignSummary,
} from '@prodready/backstage-plugin-readiness-common';
import { CampaignStore } from '../database/CampaignStore';
import { utcDay } from '../database/rows';
import { NotificationLog } from '../notifications/NotificationLog';
import { Campaigns } from './Campaigns';
import { isoWeek } from './campaignStatus';

/** The topic users can mute campaign notifications by. */
export const CAMPAIGN_TOPIC = 'readiness-campaign';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long after its due date a campaign's owner still gets the weekly summary. */
const SUMMARY_DAYS_AFTER_DUE = 7;

/** One notification to send, under its once-only key. */
interface Outgoing {
  key: string;
  recipients: string[];
  title: string;
  description: string;
  severity: 'low' | 'normal' | 'high';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function tallyText({ progress }: CampaignSummary): string {
  return (
    `${progress.passing} of ${progress.inScope} entities pass, ` +
    `${progress.failing} fail, ${progress.exempt} exempt`
  );
}

function checksText(definition: CampaignDefinition): string {
  return `Checks: ${definition.checks.join(', ')}. Due ${definition.dueDate}.`;
}

export class CampaignNotifier {
  constructor(
    private readonly deps: {
      campaigns: Campaigns;
      store: CampaignStore;
      log: NotificationLog;
      notifications: NotificationService;
      logger: LoggerService;
      /** `readiness.notifications.enabled`. */
      enabled: boolean;
    },
  ) {}

  /** Sends what is due at `now`; does nothing unless notifications are enabled. */
  async run(now: Date): Promise<void> {
    if (!this.deps.enabled) return;
    const summaries = await this.deps.campaigns.summaries({ type: 'all' });
    for (const summary of summaries) {
      try {
        for (const outgoing of await this.outgoing(summary, now)) {
          await this.sendOnce(outgoing, summary.id, now);
        }
      } catch (error) {
        this.deps.logger.warn(
          `Readiness could not notify about campaign ${summary.id}: ${messageOf(
            error,
          )}`,
        );
      }
    }
  }

  /** The notifications the campaign calls for at `now`, before any is claimed. */
  private async outgoing(
    summary: CampaignSummary,
    now: Date,
  ): Promise<Outgoing[]> {
    const { store } = this.deps;
    const today = utcDay(now);
    const week = isoWeek(now);
    const { id, title, startDate, dueDate } = summary;
    if (today < startDate) return [];
    const outgoing: Outgoing[] = [];
    const open = summary.status === 'running' || summary.status === 'overdue';

    if (today <= dueDate) {
      outgoing.push({
        key: `campaign:${id}:start`,
        recipients: await store.ownersInScope(summary),
        title: `Campaign started: ${title}`,
        description: `${summary.description ?? ''}\n\n${checksText(
          summary,
        )}`.trim(),
        severity: 'normal',
      });
      // The start notification stands for the first week's reminder.
      if (open && week !== isoWeek(new Date(`${startDate}T00:00:00Z`))) {
        outgoing.push({
          key: `campaign:${id}:reminder:${week}`,
          recipients: await store.failingOwners(summary),
          title: `Reminder: ${title}`,
          description: `Some of your entities still fail this campaign. ${checksText(
            summary,
          )}`,
          severity: 'normal',
        });
      }
    }
    if (today >= dueDate && open) {
      outgoing.push({
        key: `campaign:${id}:due`,
        recipients: await store.failingOwners(summary),
        title: `Campaign due: ${title}`,
        description: `The campaign was due on ${dueDate} and some of your entities still fail it. Checks: ${summary.checks.join(
          ', ',
        )}.`,
        severity: 'high',
      });
    }
    const summaryUntil = utcDay(
      new Date(
        Date.parse(`${dueDate}T00:00:00Z`) + SUMMARY_DAYS_AFTER_DUE * DAY_MS,
      ),
    );
    if (summary.owner && today <= summaryUntil) {
      outgoing.push({
        key: `campaign:${id}:summary:${week}`,
        recipients: [summary.owner],
        title: `Campaign ${summary.status}: ${title}`,
        description: `${tallyText(summary)}. Due ${dueDate}.`,
        severity: 'low',
      });
    }
    return outgoing.filter(item => item.recipients.length > 0);
  }

  /** Claims the key and sends; gives the claim back when sending fails. */
  private async sendOnce(
    outgoing: Outgoing,
    campaignId: string,
    now: Date,
  ): Promise<void> {
    const { log, notifications } = this.deps;
    if (!(await log.claim(outgoing.key, now))) return;
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: outgoing.recipients },
        payload: {
          title: outgoing.title,
          description: outgoing.description,
          // The Campaigns tab of /readiness opens the campaign named by ?campaign=.
          link: `/readiness/campaigns?campaign=${encodeURIComponent(
            campaignId,
          )}`,
          severity: outgoing.severity,
          topic: CAMPAIGN_TOPIC,
        },
      });
    } catch (error) {
      await log.release(outgoing.key);
      throw error;
    }
  }
}
