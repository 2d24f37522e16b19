/**
 * Which notifications one new scorecard calls for, compared with the one it
 * replaced: a drop in level, a fall below the gate, the gate reached, an
 * exemption about to end or ended, a workload newly drifting from Git.
 * Pure: the notifier claims and sends.
 *
 * Nothing is decided on an entity's first evaluation (no earlier scorecard
 * to compare with) or for a scorecard with results carried over from a
 * failed source: a stale result is not a change. A previous scorecard that
 * was stale still counts as the baseline: its results were computed from
 * the last objects read successfully, so a fresh scorecard that is worse is
 * a real change.
 */
import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  LEVELS_ASCENDING,
  type AppliedExemption,
  type CheckResult,
  type ObjectRef,
  type ReadinessLevel,
  workloadDriftKey,
} from '@prodready/backstage-plugin-readiness-common';
import { failingCheckIds } from '../database/checkIdsByStatus';
import type {
  PreviousScorecard,
  ScorecardWrite,
} from '../database/ReadinessStore';
import type {
  NotificationCause,
  NotificationSettings,
} from './notificationSettings';

/** Topics users can mute in Backstage's notification settings. */
export const LEVEL_TOPIC = 'readiness-level';
export const EXEMPTION_TOPIC = 'readiness-exemption';
export const DRIFT_TOPIC = 'readiness-drift';

const DAY_MS = 24 * 60 * 60 * 1000;
// How many check ids a description names before "and N more".
const LISTED_CHECKS = 5;
// How many drift differences a description names before "and N more".
const LISTED_DIFFERENCES = 3;
// How the engine reports an exemption past its end date, in
// `CheckResult.exemptionIgnored` (readiness-common engine/exemptions.ts);
// held to the engine's wording by decideNotifications.test.ts.
const EXPIRED_MESSAGE =
  /^An exemption (.+) was ignored because it expired on (\d{4}-\d{2}-\d{2})\.$/;

export interface PlannedNotification {
  /**
   * Unique per entity, cause and transition, and the same on every replica
   * that sees the same transition: what the notification log claims.
   */
  key: string;
  cause: NotificationCause;
  payload: NotificationSendOptions['payload'];
}

export interface DecideOptions {
  write: ScorecardWrite;
  /** The scorecard the write replaced; undefined on a first evaluation. */
  previous?: PreviousScorecard;
  now: Date;
  /** The level a service must reach (`readiness.gate`). */
  gate: ReadinessLevel;
  settings: NotificationSettings;
}

function rank(level: ReadinessLevel): number {
  return LEVELS_ASCENDING.indexOf(level);
}

/** The entity's Readiness tab, as the catalog's entity routes spell it. */
export function readinessTabLink(entityRef: string, tabPath: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return [
    '/catalog',
    encodeURIComponent(namespace.toLocaleLowerCase('en-US')),
    encodeURIComponent(kind.toLocaleLowerCase('en-US')),
    encodeURIComponent(name),
    tabPath,
  ].join('/');
}

function plural(count: number, word: string, wordPlural = `${word}s`) {
  return `${count} ${count === 1 ? word : wordPlural}`;
}

function listed(ids: readonly string[]): string {
  const shown = ids.slice(0, LISTED_CHECKS).join(', ');
  const more = ids.length - LISTED_CHECKS;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

function newlyFailingSentence(
  write: ScorecardWrite,
  previous: PreviousScorecard,
): string {
  const before = new Set(previous.failingChecks);
  const fresh = failingCheckIds(write.report).filter(id => !before.has(id));
  if (fresh.length === 0) return '';
  return ` ${plural(fresh.length, 'check')} newly ${
    fresh.length === 1 ? 'fails' : 'fail'
  }: ${listed(fresh)}.`;
}

function levelNotifications(
  options: DecideOptions,
  previous: PreviousScorecard,
  name: string,
  link: string,
): PlannedNotification[] {
  const { write, gate, settings } = options;
  const { level, productionReady } = write.report.summary;
  const fell = rank(level) < rank(previous.level);
  const change =
    level === previous.level
      ? `Its level is still ${level}`
      : `It ${fell ? 'dropped' : 'rose'} from ${previous.level} to ${level}`;
  // The same transition seen by a cycle and a refresh on another replica
  // replaced the same scorecard, so the key is the same.
  const key = (cause: NotificationCause) =>
    `readiness:${cause}:${write.entityRef}:${previous.evaluatedAt}:${previous.level}>${level}`;

  if (previous.productionReady && !productionReady) {
    if (settings.causes.has('below-gate')) {
      return [
        {
          key: key('below-gate'),
          cause: 'below-gate',
          payload: {
            title: `${name} fell below the readiness gate (${gate})`,
            description: `${change}; the gate is ${gate}.${newlyFailingSentence(
              write,
              previous,
            )}`,
            link,
            severity: 'high',
            topic: LEVEL_TOPIC,
          },
        },
      ];
    }
  } else if (!previous.productionReady && productionReady) {
    return settings.causes.has('gate-reached')
      ? [
          {
            key: key('gate-reached'),
            cause: 'gate-reached',
            payload: {
              title: `${name} reached the readiness gate (${gate})`,
              description: `${change}; the gate is ${gate}.`,
              link,
              severity: 'normal',
              topic: LEVEL_TOPIC,
            },
          },
        ]
      : [];
  }
  // A drop that crossed the gate was told above, unless that cause is off.
  if (fell && settings.causes.has('level-dropped')) {
    return [
      {
        key: key('level-dropped'),
        cause: 'level-dropped',
        payload: {
          title: `${name} dropped from ${previous.level} to ${level}`,
          description: `${change}.${newlyFailingSentence(
            write,
            previous,
          )}`.trim(),
          link,
          severity: 'normal',
          topic: LEVEL_TOPIC,
        },
      },
    ];
  }
  return [];
}

/** One exemption as found on results: the same one may cover many objects. */
interface ExemptionGroup {
  cause: 'exemption-expiring' | 'exemption-expired';
  check: string;
  /** Tells apart exemptions of one check declared in different places. */
  identity: string;
  until: string;
  reason?: string;
  objects: string[];
  /** Objects whose result now fails (for an expired exemption). */
  failing: string[];
}

interface LabelledResults {
  label: string;
  results: readonly CheckResult[];
}

function objectLabel(object: ObjectRef): string {
  return `${object.kind} ${object.namespace}/${object.name}`;
}

/**
 * Tells apart the exemptions of one check: one declared on the catalog
 * entity or in config covers many objects, so it is one notification for
 * all of them.
 */
function exemptionIdentity(
  exemption: AppliedExemption,
  objectLabelled: string,
): string {
  if (exemption.source === 'config') {
    return `config ${exemption.configKey ?? ''}`;
  }
  if (exemption.source === 'entity') return 'entity';
  return `${exemption.source} ${objectLabelled}`;
}

function endOfDay(until: string): number {
  return Date.parse(`${until}T23:59:59.999Z`);
}

function exemptionGroups(options: DecideOptions): Map<string, ExemptionGroup> {
  const { write, now, settings } = options;
  const { report } = write;
  const labelled: LabelledResults[] = [
    ...report.workloads.map(w => ({
      label: objectLabel(w),
      results: w.results,
    })),
    ...report.objects.map(o => ({ label: objectLabel(o), results: o.results })),
    ...(report.entity
      ? [{ label: 'the catalog entity', results: report.entity.results }]
      : []),
  ];
  const warnUntil = now.getTime() + settings.exemptionWarningDays * DAY_MS;
  const groups = new Map<string, ExemptionGroup>();
  const add = (
    found: Omit<ExemptionGroup, 'objects' | 'failing'>,
    label: string,
    failing: boolean,
  ) => {
    const id = [found.cause, found.check, found.identity, found.until].join(
      ':',
    );
    const group = groups.get(id) ?? { ...found, objects: [], failing: [] };
    if (!group.objects.includes(label)) group.objects.push(label);
    if (failing && !group.failing.includes(label)) group.failing.push(label);
    groups.set(id, group);
  };

  for (const { label, results } of labelled) {
    for (const result of results) {
      const { exemption } = result;
      if (result.status === 'exempt' && exemption?.until) {
        const end = endOfDay(exemption.until);
        if (!(end >= now.getTime() && end <= warnUntil)) continue;
        if (!settings.causes.has('exemption-expiring')) continue;
        const identity = exemptionIdentity(exemption, label);
        add(
          {
            cause: 'exemption-expiring',
            check: result.check,
            identity,
            until: exemption.until,
            reason: exemption.reason,
          },
          label,
          false,
        );
        continue;
      }
      const expired = result.exemptionIgnored?.match(EXPIRED_MESSAGE);
      if (expired && settings.causes.has('exemption-expired')) {
        const [, where, until] = expired;
        const onObject =
          where.startsWith('on the object') ||
          where.startsWith('on the pod template');
        add(
          {
            cause: 'exemption-expired',
            check: result.check,
            identity: onObject ? `${where} ${label}` : where,
            until,
          },
          label,
          result.status === 'fail',
        );
      }
    }
  }
  return groups;
}

function exemptionNotification(
  group: ExemptionGroup,
  entityRef: string,
  name: string,
  link: string,
): PlannedNotification {
  const key = `readiness:${group.cause}:${entityRef}:${group.check}:${group.identity}:${group.until}`;
  const where = group.objects.join(', ');
  if (group.cause === 'exemption-expiring') {
    return {
      key,
      cause: group.cause,
      payload: {
        title: `${name}: the exemption from ${group.check} ends on ${group.until}`,
        description:
          `It covers ${where}${group.reason ? ` ("${group.reason}")` : ''}. ` +
          `After ${group.until} the check counts again: fix what it finds or renew the exemption.`,
        link,
        severity: 'normal',
        topic: EXEMPTION_TOPIC,
      },
    };
  }
  const outcome =
    group.failing.length > 0
      ? `The check counts again and fails on ${group.failing.join(', ')}.`
      : `The check counts again and passes on ${where}: the exemption can be removed.`;
  return {
    key,
    cause: group.cause,
    payload: {
      title: `${name}: the exemption from ${group.check} expired on ${group.until}`,
      description: outcome,
      link,
      severity: 'normal',
      topic: EXEMPTION_TOPIC,
    },
  };
}

/**
 * A notification when a workload drifts that did not before (in that
 * source): drift that stays is told once, when it appears.
 */
function driftNotifications(
  options: DecideOptions,
  previous: PreviousScorecard,
  name: string,
  link: string,
): PlannedNotification[] {
  const { write, settings } = options;
  if (!settings.causes.has('drift-detected') || !write.drift?.length) {
    return [];
  }
  const before = new Set(previous.driftedWorkloads);
  const fresh = write.drift.filter(
    drift => !before.has(workloadDriftKey(drift)),
  );
  if (fresh.length === 0) return [];
  const messages = fresh.flatMap(drift =>
    drift.differences.map(difference =>
      drift.cluster
        ? `${difference.message} (${drift.cluster})`
        : difference.message,
    ),
  );
  const more = messages.length - LISTED_DIFFERENCES;
  const description = `${messages.slice(0, LISTED_DIFFERENCES).join('; ')}${
    more > 0 ? `; and ${more} more` : ''
  }.`;
  const workloads = fresh.map(workloadDriftKey).sort().join(',');
  return [
    {
      // The same change seen by a cycle and a refresh on another replica
      // replaced the same scorecard, so the key is the same.
      key: `readiness:drift-detected:${write.entityRef}:${previous.evaluatedAt}:${workloads}`,
      cause: 'drift-detected',
      payload: {
        title: `${name} drifted from Git`,
        description,
        link,
        severity: 'normal',
        topic: DRIFT_TOPIC,
      },
    },
  ];
}

/** The notifications a new scorecard calls for; none on a first or stale evaluation. */
export function decideNotifications(
  options: DecideOptions,
): PlannedNotification[] {
  const { write, previous, settings } = options;
  if (!previous || write.staleReason !== undefined) return [];
  const { name } = parseEntityRef(write.entityRef);
  const link = readinessTabLink(write.entityRef, settings.entityTabPath);
  return [
    ...levelNotifications(options, previous, name, link),
    ...[...exemptionGroups(options).values()].map(group =>
      exemptionNotification(group, write.entityRef, name, link),
    ),
    ...driftNotifications(options, previous, name, link),
  ];
}
