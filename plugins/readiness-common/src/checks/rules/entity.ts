/**
 * Rules evaluated on the catalog entity: the operations checks and
 * `restore-tested`, which is about the team's practice rather than a
 * manifest.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_LAST_RESTORE_TEST,
  ANNOTATION_RUNBOOK,
  DASHBOARD_ANNOTATIONS,
  DOCS_ANNOTATIONS,
  KUBERNETES_MAPPING_ANNOTATIONS,
  ON_CALL_ANNOTATIONS,
  SOURCE_CONTROL_ANNOTATIONS,
} from '../../annotations';
import { ReadinessConfig, isIsoDate } from '../../config';
import {
  asArray,
  asRecord,
  dateLikeToString,
  isSetString,
} from '../../util/guards';
import { isStateful, Workload } from '../../model/workloads';
import { fail, Outcome, pass, skip } from './outcome';

/** Everything an entity rule may consult. */
export interface EntityContext {
  entity: Entity;
  annotations: Record<string, unknown>;
  workloads: readonly Workload[];
  config: ReadinessConfig;
  now: Date;
  ownerExists?: boolean;
}

/** A check evaluated on the catalog entity. */
export type EntityRule = (context: EntityContext) => Outcome;

/** True when the entity maps itself to Kubernetes objects. */
export function entityMapsToKubernetes(
  annotations: Record<string, unknown>,
): boolean {
  return KUBERNETES_MAPPING_ANNOTATIONS.some(name =>
    isSetString(annotations[name]),
  );
}

function firstSet(
  annotations: Record<string, unknown>,
  names: readonly string[],
): string | undefined {
  return names.find(name => isSetString(annotations[name]));
}

function links(entity: Entity): Array<Record<string, any>> {
  return asArray(asRecord(entity.metadata)?.links)
    .map(link => asRecord(link))
    .filter((link): link is Record<string, any> => !!link);
}

function linkType(link: Record<string, any>): string {
  return typeof link.type === 'string' ? link.type.trim().toLowerCase() : '';
}

export const workloadsFound: EntityRule = context => {
  if (!entityMapsToKubernetes(context.annotations)) {
    return skip(
      'The entity has no backstage.io/kubernetes-id, backstage.io/kubernetes-label-selector or prodready.dev/manifests annotation.',
    );
  }
  const count = context.workloads.length;
  if (count > 0) {
    return pass(`Found ${count} workload${count === 1 ? '' : 's'}.`);
  }
  return fail(
    'The entity is mapped to Kubernetes but no workload was found; check its annotations and the workload labels.',
  );
};

export const owner: EntityRule = context => {
  const value = asRecord(context.entity.spec)?.owner;
  if (!isSetString(value)) {
    return fail('spec.owner is not set.', [
      { path: 'spec.owner', message: 'Name the team that owns the entity.' },
    ]);
  }
  if (context.ownerExists === false) {
    return fail(`The owner ${String(value)} is not in the catalog.`, [
      {
        path: 'spec.owner',
        message: 'Point spec.owner at a Group or User in the catalog.',
      },
    ]);
  }
  return pass(`Owned by ${String(value)}.`);
};

export const runbook: EntityRule = context => {
  if (isSetString(context.annotations[ANNOTATION_RUNBOOK])) {
    return pass(`The ${ANNOTATION_RUNBOOK} annotation links a runbook.`);
  }
  const link = links(context.entity).find(
    candidate =>
      linkType(candidate) === 'runbook' ||
      (typeof candidate.title === 'string' &&
        candidate.title.toLowerCase().includes('runbook')),
  );
  if (link) return pass('metadata.links has a runbook.');
  return fail('No runbook is linked.', [
    { path: 'metadata.links', message: 'Add a link of type runbook.' },
  ]);
};

export const onCall: EntityRule = context => {
  const found = firstSet(context.annotations, ON_CALL_ANNOTATIONS);
  if (found) return pass(`On-call is declared by ${found}.`);
  return fail('No on-call annotation is set.', [
    {
      path: 'metadata.annotations',
      message: `Set one of ${ON_CALL_ANNOTATIONS.join(', ')}.`,
    },
  ]);
};

export const dashboard: EntityRule = context => {
  if (links(context.entity).some(link => linkType(link) === 'dashboard')) {
    return pass('metadata.links has a dashboard.');
  }
  const found = firstSet(context.annotations, DASHBOARD_ANNOTATIONS);
  if (found) return pass(`A dashboard is declared by ${found}.`);
  return fail('No dashboard is linked.', [
    { path: 'metadata.links', message: 'Add a link of type dashboard.' },
  ]);
};

export const docs: EntityRule = context => {
  const found = firstSet(context.annotations, DOCS_ANNOTATIONS);
  if (found) return pass(`Documentation is published via ${found}.`);
  return fail('No TechDocs annotation is set.', [
    {
      path: 'metadata.annotations',
      message: `Set ${DOCS_ANNOTATIONS.join(' or ')}.`,
    },
  ]);
};

export const sourceControl: EntityRule = context => {
  const found = firstSet(context.annotations, SOURCE_CONTROL_ANNOTATIONS);
  if (found) return pass(`The source location is given by ${found}.`);
  return fail('The source location is unknown.', [
    {
      path: 'metadata.annotations',
      message: `Set one of ${SOURCE_CONTROL_ANNOTATIONS.join(', ')}.`,
    },
  ]);
};

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T/;

/**
 * Parses the restore-test annotation: a `YYYY-MM-DD` date (a whole UTC day)
 * or an ISO 8601 timestamp. Returns the epoch milliseconds and whether only
 * a day was given.
 */
function parseRestoreDate(
  text: string,
): { time: number; dayOnly: boolean } | undefined {
  const trimmed = text.trim();
  if (isIsoDate(trimmed)) {
    const [year, month, day] = trimmed.split('-').map(Number);
    return { time: Date.UTC(year, month - 1, day), dayOnly: true };
  }
  if (DATE_TIME.test(trimmed)) {
    const time = Date.parse(trimmed);
    if (!Number.isNaN(time)) return { time, dayOnly: false };
  }
  return undefined;
}

export const restoreTested: EntityRule = context => {
  if (!context.workloads.some(isStateful)) {
    return skip('No workload of the entity keeps persistent data.');
  }
  const path = `metadata.annotations["${ANNOTATION_LAST_RESTORE_TEST}"]`;
  const raw = dateLikeToString(
    context.annotations[ANNOTATION_LAST_RESTORE_TEST],
  );
  const maxDays = context.config.maxRestoreTestAgeDays;
  if (!raw || !raw.trim()) {
    return fail('No restore test is recorded.', [
      {
        path,
        message: `Record the date of the last successful restore test (YYYY-MM-DD).`,
      },
    ]);
  }
  const parsed = parseRestoreDate(raw);
  if (!parsed) {
    return fail(
      `The last restore test date "${raw}" is not a YYYY-MM-DD date.`,
      [{ path, message: 'Write the date as YYYY-MM-DD.' }],
    );
  }
  const now = context.now.getTime();
  // A day-only date is compared with today's date, so a test recorded today
  // is 0 days old whatever the time.
  const reference = parsed.dayOnly ? now - (now % DAY_MS) : now;
  const ageDays = (reference - parsed.time) / DAY_MS;
  if (ageDays < -1) {
    return fail(`The last restore test date ${raw.trim()} is in the future.`, [
      { path, message: 'Record the date of a restore test that happened.' },
    ]);
  }
  if (ageDays <= maxDays) {
    return pass(
      `Restore last tested on ${raw.trim()}, within the last ${maxDays} days.`,
    );
  }
  return fail(
    `Restore last tested on ${raw.trim()}, ${Math.floor(
      ageDays,
    )} days ago; the limit is ${maxDays} days.`,
    [{ path, message: 'Run a restore drill and record its date.' }],
  );
};
