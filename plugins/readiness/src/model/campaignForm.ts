/**
 * The new-campaign form: what it starts with, what it asks before sending,
 * and the definition it sends. The backend checks every definition again
 * (and knows the entity refs and check ids); this catches what a user can
 * fix without a round trip.
 */
import type {
  CampaignDefinition,
  CampaignTarget,
} from '@prodready/backstage-plugin-readiness-common';

/** The target filters, in the order the form shows them. */
export const TARGET_FILTERS = [
  'owners',
  'systems',
  'kinds',
  'lifecycles',
  'tags',
] as const;

export type TargetFilter = (typeof TARGET_FILTERS)[number];

/** What the form holds while it is filled in. */
export interface CampaignForm {
  title: string;
  id: string;
  /** False until the id is typed: until then it follows the title. */
  idEdited: boolean;
  checks: string[];
  target: Record<TargetFilter, string[]>;
  startDate: string;
  dueDate: string;
  owner: string;
  description: string;
}

export type CampaignFormField =
  | 'title'
  | 'id'
  | 'checks'
  | 'startDate'
  | 'dueDate';

const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ID_MAX_LENGTH = 63;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a new campaign runs unless the user says otherwise. */
const DEFAULT_LENGTH_DAYS = 30;

/** `YYYY-MM-DD` of the UTC day `time` falls on. */
function utcDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** An empty form whose campaign runs from today for 30 days. */
export function emptyCampaignForm(now: Date): CampaignForm {
  return {
    title: '',
    id: '',
    idEdited: false,
    checks: [],
    target: {
      owners: [],
      systems: [],
      kinds: [],
      lifecycles: [],
      tags: [],
    },
    startDate: utcDay(now.getTime()),
    dueDate: utcDay(now.getTime() + DEFAULT_LENGTH_DAYS * DAY_MS),
    owner: '',
    description: '',
  };
}

/** The form of a campaign that exists, to change it; its id stays. */
export function campaignFormOf(campaign: CampaignDefinition): CampaignForm {
  const target = campaign.target ?? {};
  return {
    title: campaign.title,
    id: campaign.id,
    idEdited: true,
    checks: [...campaign.checks],
    target: {
      owners: [...(target.owners ?? [])],
      systems: [...(target.systems ?? [])],
      kinds: [...(target.kinds ?? [])],
      lifecycles: [...(target.lifecycles ?? [])],
      tags: [...(target.tags ?? [])],
    },
    startDate: campaign.startDate,
    dueDate: campaign.dueDate,
    owner: campaign.owner ?? '',
    description: campaign.description ?? '',
  };
}

/**
 * An id made from a title, as the API accepts it: lower-case letters and
 * digits in dash-separated runs ("Every service: a PDB!" gives
 * `every-service-a-pdb`).
 */
export function campaignIdFrom(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, ID_MAX_LENGTH)
    .replace(/-+$/, '');
}

/** What stops the form from being sent, by field; empty when nothing does. */
export function campaignFormProblems(
  form: CampaignForm,
  existingIds: ReadonlySet<string>,
): Partial<Record<CampaignFormField, string>> {
  const problems: Partial<Record<CampaignFormField, string>> = {};
  if (!form.title.trim()) problems.title = 'Give the campaign a title.';
  const id = form.id.trim();
  if (!id) {
    problems.id = 'Give the campaign an id.';
  } else if (!ID_PATTERN.test(id) || id.length > ID_MAX_LENGTH) {
    problems.id = `Lower-case letters, digits and single dashes, at most ${ID_MAX_LENGTH} characters.`;
  } else if (existingIds.has(id)) {
    problems.id = 'A campaign with this id exists; choose another.';
  }
  if (form.checks.length === 0) problems.checks = 'Choose at least one check.';
  if (!DAY_PATTERN.test(form.startDate)) {
    problems.startDate = 'Choose the first day.';
  }
  if (!DAY_PATTERN.test(form.dueDate)) {
    problems.dueDate = 'Choose the due date.';
  } else if (!problems.startDate && form.dueDate < form.startDate) {
    problems.dueDate = 'The due date comes before the first day.';
  }
  return problems;
}

/** The definition the form describes; empty filters and fields left out. */
export function campaignDefinitionOf(form: CampaignForm): CampaignDefinition {
  const target: CampaignTarget = {};
  for (const filter of TARGET_FILTERS) {
    const values = form.target[filter].map(value => value.trim());
    const kept = values.filter(value => value.length > 0);
    if (kept.length > 0) target[filter] = kept;
  }
  const definition: CampaignDefinition = {
    id: form.id.trim(),
    title: form.title.trim(),
    checks: form.checks,
    target,
    startDate: form.startDate,
    dueDate: form.dueDate,
  };
  if (form.owner.trim()) definition.owner = form.owner.trim();
  if (form.description.trim()) {
    definition.description = form.description.trim();
  }
  return definition;
}
