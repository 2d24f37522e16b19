/**
 * Checks a campaign definition, from configuration or from the API, and
 * brings it to the form the store compares against: owner and system refs
 * written out in full, empty filters dropped. One function for both, so a
 * campaign the API accepts is one configuration would accept too.
 */
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type {
  CampaignDefinition,
  CampaignTarget,
} from '@prodready/backstage-plugin-readiness-common';

/** Lower-case letters and digits in dash-separated runs, as in a URL path. */
const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ID_MAX_LENGTH = 63;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const DEFINITION_KEYS = new Set([
  'id',
  'title',
  'description',
  'checks',
  'target',
  'startDate',
  'dueDate',
  'owner',
]);
const TARGET_KEYS: ReadonlyArray<keyof CampaignTarget> = [
  'owners',
  'systems',
  'kinds',
  'lifecycles',
  'tags',
];

/** True for a real calendar date written as `YYYY-MM-DD`. */
export function isCalendarDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const [year, month, day] = [match[1], match[2], match[3]].map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads and normalises one campaign; `where` names it in every message. */
class DefinitionReader {
  constructor(private readonly where: string) {}

  fail(message: string): never {
    throw new InputError(`Invalid campaign ${this.where}: ${message}`);
  }

  text(raw: Record<string, unknown>, key: string): string {
    const value = raw[key];
    if (typeof value !== 'string' || !value.trim()) {
      this.fail(`${key} must be a non-empty string`);
    }
    return value.trim();
  }

  optionalText(raw: Record<string, unknown>, key: string): string | undefined {
    return raw[key] === undefined ? undefined : this.text(raw, key);
  }

  date(raw: Record<string, unknown>, key: string): string {
    const value = this.text(raw, key);
    if (!isCalendarDate(value)) {
      this.fail(`${key} must be a date written as YYYY-MM-DD, not "${value}"`);
    }
    return value;
  }

  list(value: unknown, key: string): string[] {
    if (
      !Array.isArray(value) ||
      value.some(item => typeof item !== 'string' || !item.trim())
    ) {
      this.fail(`${key} must be a list of non-empty strings`);
    }
    return [...new Set(value.map(item => item.trim()))];
  }

  ref(text: string, key: string, defaultKind: string): string {
    try {
      return stringifyEntityRef(
        parseEntityRef(text, { defaultKind, defaultNamespace: 'default' }),
      );
    } catch {
      return this.fail(`${key} has "${text}", which is not an entity ref`);
    }
  }

  target(value: unknown): CampaignTarget {
    if (value === undefined) return {};
    if (!isObject(value)) this.fail('target must be an object');
    const unknown = Object.keys(value).filter(
      key => !(TARGET_KEYS as string[]).includes(key),
    );
    if (unknown.length > 0) {
      this.fail(
        `target has unknown key ${unknown.join(
          ', ',
        )}; the filters are ${TARGET_KEYS.join(', ')}`,
      );
    }
    const target: CampaignTarget = {};
    for (const key of TARGET_KEYS) {
      if (value[key] === undefined) continue;
      let items = this.list(value[key], `target.${key}`);
      if (key === 'owners') {
        items = items.map(item => this.ref(item, 'target.owners', 'group'));
      } else if (key === 'systems') {
        items = items.map(item => this.ref(item, 'target.systems', 'system'));
      }
      // An empty list filters nothing out, like a filter left out.
      if (items.length > 0) target[key] = items;
    }
    return target;
  }
}

/** What a definition is checked against. */
export interface CampaignValidationContext {
  /** The check ids a campaign may name: the configuration's catalogue. */
  checkIds: readonly string[];
}

/**
 * The definition, checked and normalised; throws an InputError naming the
 * campaign (`where`, its id when readable) and what is wrong.
 */
export function validateCampaignDefinition(
  raw: unknown,
  context: CampaignValidationContext,
  where: string,
): CampaignDefinition {
  const id =
    isObject(raw) && typeof raw.id === 'string' && raw.id ? raw.id : undefined;
  const reader: DefinitionReader = new DefinitionReader(
    id ? `${where} (${id})` : where,
  );
  if (!isObject(raw)) return reader.fail('must be an object');

  const unknown = Object.keys(raw).filter(key => !DEFINITION_KEYS.has(key));
  if (unknown.length > 0) {
    reader.fail(`unknown key ${unknown.join(', ')}`);
  }
  if (!id || !ID_PATTERN.test(id) || id.length > ID_MAX_LENGTH) {
    reader.fail(
      `id must be lower-case letters, digits and single dashes, at most ${ID_MAX_LENGTH} characters`,
    );
  }

  const checks = reader.list(raw.checks, 'checks');
  if (checks.length === 0) reader.fail('checks must name at least one check');
  const known = new Set(context.checkIds);
  const unknownChecks = checks.filter(check => !known.has(check));
  if (unknownChecks.length > 0) {
    reader.fail(
      `checks has unknown check id${
        unknownChecks.length > 1 ? 's' : ''
      } ${unknownChecks
        .map(check => `"${check}"`)
        .join(', ')}; see GET /api/readiness/checks for the ids`,
    );
  }

  const startDate = reader.date(raw, 'startDate');
  const dueDate = reader.date(raw, 'dueDate');
  if (dueDate < startDate) {
    reader.fail(`dueDate ${dueDate} is before startDate ${startDate}`);
  }

  const definition: CampaignDefinition = {
    id,
    title: reader.text(raw, 'title'),
    checks,
    target: reader.target(raw.target),
    startDate,
    dueDate,
  };
  const description = reader.optionalText(raw, 'description');
  if (description) definition.description = description;
  const owner = reader.optionalText(raw, 'owner');
  if (owner) definition.owner = reader.ref(owner, 'owner', 'group');
  return definition;
}

/**
 * The check ids a campaign may name: every check judged on entities and
 * their workloads, built-in or custom. Platform checks score clusters, which
 * are in no campaign's scope.
 */
export function campaignCheckIds(catalogue: {
  definitions: ReadonlyArray<{ id: string; scope?: string }>;
}): string[] {
  return catalogue.definitions
    .filter(definition => definition.scope !== 'cluster')
    .map(definition => definition.id);
}
