/**
 * How campaigns read on screen: dates, progress and the entity banner's
 * sentence. Pure functions, so the components stay presentation.
 */
import type {
  CampaignBurndownPoint,
  CampaignStatus,
  CampaignTally,
  CampaignTarget,
} from '@prodready/backstage-plugin-readiness-common';

export const CAMPAIGN_STATUS_LABELS: Readonly<Record<CampaignStatus, string>> =
  {
    scheduled: 'Scheduled',
    running: 'Running',
    overdue: 'Overdue',
    completed: 'Completed',
  };

/** Milliseconds since the epoch of a `YYYY-MM-DD` day, at midnight UTC. */
export function dayToTime(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/**
 * `31 Jan`, or `31 Jan 2027` with the year. Campaign days are UTC days, so
 * they are shown in UTC: a user west of Greenwich still sees the 31st.
 */
export function formatCampaignDay(
  day: string,
  options: { withYear?: boolean } = {},
): string {
  return new Date(dayToTime(day)).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: options.withYear ? 'numeric' : undefined,
    timeZone: 'UTC',
  });
}

/** Entities in scope that are done: passing, or exempt from what fails. */
export function doneCount(tally: CampaignTally): number {
  return tally.passing + tally.exempt;
}

/** The share done, 0–1; a campaign with nothing in scope has nothing left to do. */
export function doneShare(tally: CampaignTally): number {
  return tally.inScope === 0 ? 1 : doneCount(tally) / tally.inScope;
}

/** `7 of 10 done (70 %)`. */
export function describeProgress(tally: CampaignTally): string {
  if (tally.inScope === 0) return 'No entity in scope';
  const percent = Math.round(doneShare(tally) * 100);
  return `${doneCount(tally)} of ${tally.inScope} done (${percent} %)`;
}

/**
 * What the banner calls the entity: `service` for a service component, its
 * type for other components (`website`), else its kind (`resource`).
 */
export function entityNoun(entity: {
  kind: string;
  spec?: { type?: unknown };
}): string {
  const type = entity.spec?.type;
  if (entity.kind.toLowerCase() === 'component' && typeof type === 'string') {
    return type;
  }
  return entity.kind.toLowerCase();
}

/** Which entities a campaign covers, one phrase per filter it sets. */
export function describeTarget(target: CampaignTarget): string[] {
  const parts: Array<[string, string[] | undefined]> = [
    ['Kinds', target.kinds],
    ['Owners', target.owners],
    ['Systems', target.systems],
    ['Lifecycles', target.lifecycles],
    ['Tags', target.tags],
  ];
  return parts
    .filter(([, values]) => values && values.length > 0)
    .map(([label, values]) => `${label}: ${values!.join(', ')}`);
}

/** Where the burndown stands today and where it started, in one sentence. */
export function describeBurndown(
  points: readonly CampaignBurndownPoint[],
): string {
  if (points.length === 0) {
    return 'No burndown yet: the first point appears after the first evaluation in the campaign.';
  }
  const first = points[0];
  const last = points[points.length - 1];
  const today = `${last.failing} of ${
    last.inScope
  } failing on ${formatCampaignDay(last.day)}`;
  if (points.length === 1) return `${today}.`;
  return `${today}; ${first.failing} of ${first.inScope} on ${formatCampaignDay(
    first.day,
  )}.`;
}
