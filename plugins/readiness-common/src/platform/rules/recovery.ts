import { fail, Outcome, skip } from '../../checks/rules/outcome';
import { Finding, KubeObject } from '../../types';
import { asRecord } from '../../util/guards';
import { nameOf, namespaceOf } from '../clusterIndex';
import { describeMatches } from '../signatures';
import { describeSignature, matchesOf, signatureReads } from './capability';
import { found, plural, PlatformRule } from './context';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function timeOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

function refOf(object: KubeObject, kind: string) {
  return { kind, name: nameOf(object), namespace: namespaceOf(object) };
}

export const backupSystem: PlatformRule = {
  reads: context => [
    ...signatureReads(context.signature('backup-system')),
    'Schedule',
  ],
  evaluate(context) {
    const velero = matchesOf(context, 'backup-system');
    const schedules = context.index.of('Schedule').length;
    if (velero.length === 0) {
      return fail(
        `Velero is not installed: looked for ${describeSignature(
          context.signature('backup-system'),
        )}.`,
      );
    }
    if (schedules === 0) {
      return fail(
        `Velero is installed (${describeMatches(
          velero,
        )}) but no Schedule exists: backups are taken only by hand.`,
      );
    }
    return found(
      `Velero: ${describeMatches(velero)}; ${plural(schedules, 'schedule')}.`,
    );
  },
};

export const backupsRecent: PlatformRule = {
  reads: () => ['Schedule'],
  evaluate({ index, now, platform }): Outcome {
    const schedules = index.of('Schedule');
    if (schedules.length === 0) {
      return skip('Skipped: no Velero Schedule exists (see backup-system).');
    }
    const limit = platform.maxBackupAgeHours;
    const findings: Finding[] = [];
    for (const schedule of schedules) {
      const status = asRecord(schedule.status);
      const last = timeOf(status?.lastBackup);
      const paused =
        asRecord(schedule.spec)?.paused === true ? ' (paused)' : '';
      let message: string | undefined;
      if (last === undefined) {
        message = `Schedule ${nameOf(schedule)}${paused} has never backed up.`;
      } else {
        const hours = Math.floor((now.getTime() - last) / HOUR);
        if (hours > limit) {
          message = `Schedule ${nameOf(
            schedule,
          )}${paused} last backed up ${String(
            status?.lastBackup,
          )}, ${hours} hours ago (at most ${limit}).`;
        }
      }
      if (message) {
        findings.push({
          path: 'status.lastBackup',
          message,
          object: refOf(schedule, 'Schedule'),
        });
      }
    }
    if (findings.length > 0) {
      return fail(
        `${findings.length} of ${plural(
          schedules.length,
          'schedule',
        )} did not back up in the last ${limit} hours.`,
        findings,
      );
    }
    return {
      status: 'pass',
      message: `All ${plural(
        schedules.length,
        'schedule',
      )} backed up in the last ${limit} hours.`,
    };
  },
};

export const restoresTested: PlatformRule = {
  reads: () => ['Restore'],
  evaluate({ index, now, config }) {
    const maxDays = config.maxRestoreTestAgeDays;
    let newest: { restore: KubeObject; time: number } | undefined;
    for (const restore of index.of('Restore')) {
      const status = asRecord(restore.status);
      if (status?.phase !== 'Completed') continue;
      const time = timeOf(status.completionTimestamp);
      if (time !== undefined && (!newest || time > newest.time)) {
        newest = { restore, time };
      }
    }
    if (!newest) {
      const restores = index.of('Restore').length;
      let message =
        'No Velero Restore exists: restores have never been tested.';
      if (restores === 1) {
        message =
          'The only Velero Restore has not completed: no restore was ever tested successfully.';
      } else if (restores > 1) {
        message = `None of the ${restores} Velero Restores has completed: no restore was ever tested successfully.`;
      }
      return fail(message);
    }
    const days = Math.floor((now.getTime() - newest.time) / DAY);
    const when = new Date(newest.time).toISOString().slice(0, 10);
    const which = `${namespaceOf(newest.restore)}/${nameOf(newest.restore)}`;
    if (days > maxDays) {
      return fail(
        `The newest completed restore, ${which}, finished on ${when}, ${days} days ago (at most ${maxDays}).`,
      );
    }
    return found(
      `Restore ${which} completed on ${when}, ${plural(days, 'day')} ago.`,
    );
  },
};
