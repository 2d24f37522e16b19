import { parseReadinessConfig } from '../../config';
import {
  hoursAgo,
  veleroInstall,
  without,
  workload,
} from '../testing/clusters';
import { checkCluster } from '../testing/evaluateCluster';

describe('backup-system', () => {
  it('passes with Velero and its schedules, naming the version and the count', () => {
    const result = checkCluster(
      'backup-system',
      without(veleroInstall(), 'DaemonSet'),
    );
    expect(result).toMatchObject({
      status: 'pass',
      message:
        'Velero: velero (velero/velero:v1.15.0) in namespace velero; CRD schedules.velero.io is installed; 3 schedules.',
    });
  });

  it('fails when Velero runs without a Schedule', () => {
    const result = checkCluster(
      'backup-system',
      without(veleroInstall(), 'Schedule'),
    );
    expect(result.status).toBe('fail');
    expect(result.message).toContain(
      'but no Schedule exists: backups are taken only by hand.',
    );
  });

  it('fails without Velero', () => {
    const result = checkCluster('backup-system', [
      workload('shop', 'web', 'ghcr.io/example/web:1'),
    ]);
    expect(result.status).toBe('fail');
    expect(result.message).toBe(
      'Velero is not installed: looked for a running workload with an image velero; or the CRD schedules.velero.io.',
    );
  });
});

describe('backups-recent', () => {
  it('passes when every schedule backed up within 48 hours', () => {
    expect(checkCluster('backups-recent', veleroInstall())).toMatchObject({
      status: 'pass',
      message: 'All 3 schedules backed up in the last 48 hours.',
    });
  });

  it('fails naming each schedule that is late or never ran', () => {
    const result = checkCluster(
      'backups-recent',
      veleroInstall({ lastBackups: [hoursAgo(9), hoursAgo(75), undefined] }),
    );
    expect(result.status).toBe('fail');
    expect(result.message).toBe(
      '2 of 3 schedules did not back up in the last 48 hours.',
    );
    expect(result.findings).toEqual([
      {
        path: 'status.lastBackup',
        message: `Schedule hourly-db last backed up ${hoursAgo(
          75,
        )}, 75 hours ago (at most 48).`,
        object: { kind: 'Schedule', name: 'hourly-db', namespace: 'velero' },
      },
      {
        path: 'status.lastBackup',
        message: 'Schedule weekly has never backed up.',
        object: { kind: 'Schedule', name: 'weekly', namespace: 'velero' },
      },
    ]);
  });

  it('takes its limit from platform.maxBackupAgeHours', () => {
    const weekly = parseReadinessConfig({
      platform: { maxBackupAgeHours: 170 },
    });
    expect(
      checkCluster(
        'backups-recent',
        veleroInstall({ lastBackups: [hoursAgo(160)] }),
        {
          config: weekly,
        },
      ).status,
    ).toBe('pass');
  });

  it('skips without schedules (backup-system fails then)', () => {
    expect(
      checkCluster('backups-recent', without(veleroInstall(), 'Schedule'))
        .status,
    ).toBe('skip');
  });
});

describe('restores-tested', () => {
  it('passes with a restore completed within 30 days', () => {
    expect(checkCluster('restores-tested', veleroInstall())).toMatchObject({
      status: 'pass',
      message:
        'Restore velero/drill-2026-11 completed on 2026-11-24, 12 days ago.',
    });
  });

  it('fails on Velero with an old restore, naming it and its age', () => {
    const result = checkCluster(
      'restores-tested',
      veleroInstall({
        restores: [
          {
            name: 'drill-2026-05',
            phase: 'Completed',
            completed: '2026-05-04T10:00:00Z',
          },
          {
            name: 'drill-2026-11',
            phase: 'PartiallyFailed',
            completed: hoursAgo(48),
          },
        ],
      }),
    );
    expect(result).toMatchObject({
      status: 'fail',
      message:
        'The newest completed restore, velero/drill-2026-05, finished on 2026-05-04, 216 days ago (at most 30).',
    });
  });

  it('fails when no restore ever completed, and honours maxRestoreTestAgeDays', () => {
    expect(
      checkCluster(
        'restores-tested',
        veleroInstall({ restores: [{ name: 'r', phase: 'Failed' }] }),
      ).message,
    ).toBe(
      'The only Velero Restore has not completed: no restore was ever tested successfully.',
    );
    expect(
      checkCluster('restores-tested', veleroInstall(), {
        config: parseReadinessConfig({ maxRestoreTestAgeDays: 7 }),
      }).status,
    ).toBe('fail');
  });
});
