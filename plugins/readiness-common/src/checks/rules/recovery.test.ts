import { KubeObject } from '../../types';
import { check, goodPodSpec, workload } from '../../testing/fixtures';

const schedule = (body: Record<string, unknown>): KubeObject => ({
  apiVersion: 'velero.io/v1',
  kind: 'Schedule',
  metadata: { name: 'daily', namespace: 'velero' },
  spec: { schedule: '0 3 * * *', ...body },
});

const stateful = (namespace = 'data') =>
  workload({
    kind: 'StatefulSet',
    namespace,
    spec: { volumeClaimTemplates: [{ metadata: { name: 'data' } }] },
  });

describe('rollback-history', () => {
  it('fails only when revisionHistoryLimit is 0', () => {
    const result = check(
      'rollback-history',
      workload({ spec: { revisionHistoryLimit: 0 } }),
    );
    expect(result.status).toBe('fail');
    expect(result.findings?.[0].path).toBe('spec.revisionHistoryLimit');
    expect(
      check('rollback-history', workload({ spec: { revisionHistoryLimit: 3 } }))
        .status,
    ).toBe('pass');
    expect(check('rollback-history', workload()).status).toBe('pass');
    expect(check('rollback-history', workload({ kind: 'Job' })).status).toBe(
      'skip',
    );
  });
});

describe('backup-schedule', () => {
  it('skips workloads without persistent data', () => {
    expect(check('backup-schedule', workload()).status).toBe('skip');
  });

  it('treats a persistentVolumeClaim volume as stateful', () => {
    const object = workload({
      podSpec: goodPodSpec({
        volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'd' } }],
      }),
    });
    expect(check('backup-schedule', object).status).toBe('fail');
  });

  it.each([
    [{ template: { includedNamespaces: ['data'] } }, 'pass'],
    [{ template: { includedNamespaces: ['*'] } }, 'pass'],
    [{ template: {} }, 'pass'],
    [{ template: { includedNamespaces: ['other'] } }, 'fail'],
    [{ template: { excludedNamespaces: ['data'] } }, 'fail'],
    [{ includedNamespaces: ['data'] }, 'pass'],
    [{ excludedNamespaces: ['data'] }, 'fail'],
  ])('Velero schedule %j → %s', (spec, expected) => {
    expect(check('backup-schedule', stateful(), [schedule(spec)]).status).toBe(
      expected,
    );
  });

  it('fails with no schedule', () => {
    expect(check('backup-schedule', stateful()).status).toBe('fail');
  });
});
