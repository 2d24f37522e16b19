/**
 * Where a campaign is in its life, and the calendar arithmetic its burndown
 * and its notifications need. Days are UTC, as `YYYY-MM-DD` strings, which
 * compare in calendar order as text.
 */
import type {
  CampaignDefinition,
  CampaignStatus,
  CampaignTally,
} from '@prodready/backstage-plugin-readiness-common';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Scheduled before the start date; completed once started with no entity in
 * scope failing; overdue after the due date with entities still failing;
 * running otherwise.
 */
export function campaignStatus(
  definition: Pick<CampaignDefinition, 'startDate' | 'dueDate'>,
  tally: Pick<CampaignTally, 'failing'>,
  today: string,
): CampaignStatus {
  if (today < definition.startDate) return 'scheduled';
  if (tally.failing === 0) return 'completed';
  if (today > definition.dueDate) return 'overdue';
  return 'running';
}

/** The day after `day`, both `YYYY-MM-DD`. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS)
    .toISOString()
    .slice(0, 10);
}

/**
 * The ISO 8601 week of a time, e.g. `2026-W49`: weeks start on Monday and
 * belong to the year of their Thursday. Weekly notifications are keyed by it.
 */
export function isoWeek(time: Date): string {
  const day = new Date(
    Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate()),
  );
  // Monday 1 ... Sunday 7; the Thursday of the same week decides the year.
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const year = day.getUTCFullYear();
  const week = Math.ceil(
    ((day.getTime() - Date.UTC(year, 0, 1)) / DAY_MS + 1) / 7,
  );
  return `${year}-W${String(week).padStart(2, '0')}`;
}
