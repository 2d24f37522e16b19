import {
  customDefinitions,
  definitions,
  scorecard,
  scorecardWithCustomChecks,
} from '../__testUtils__/fixtures';
import { categoryOrder } from './categories';
import {
  buildCheckRows,
  groupByCategory,
  topFailingRows,
  worstStatus,
} from './checkRows';

describe('buildCheckRows', () => {
  const rows = buildCheckRows(scorecard.report, definitions);

  it('makes one row per check across workloads and the entity', () => {
    expect(rows.map(row => row.id).sort()).toEqual([
      'liveness-probe',
      'readiness-probe',
      'run-as-non-root',
      'runbook',
    ]);
    const liveness = rows.find(row => row.id === 'liveness-probe')!;
    expect(liveness.occurrences.map(o => o.target.name)).toEqual([
      'notification-api',
      'notification-worker',
    ]);
  });

  it('puts failing checks first, then exempt, then passing by severity', () => {
    expect(rows.map(row => [row.id, row.status])).toEqual([
      ['liveness-probe', 'fail'],
      ['run-as-non-root', 'exempt'],
      ['readiness-probe', 'pass'],
      ['runbook', 'pass'],
    ]);
  });

  it('fails a check when any workload fails it', () => {
    expect(worstStatus(['pass', 'skip', 'fail', 'exempt'])).toBe('fail');
    expect(worstStatus(['pass', 'skip'])).toBe('pass');
    expect(worstStatus([])).toBe('skip');
  });

  it('shows checks the definitions do not know by their id', () => {
    const [row] = buildCheckRows(
      {
        ...scorecard.report,
        workloads: [],
        entity: {
          ref: 'component:default/x',
          results: [
            {
              check: 'future-check',
              status: 'fail',
              severity: 'low',
              message: 'New in a later backend.',
            },
          ],
        },
      },
      definitions,
    );
    expect(row).toMatchObject({
      id: 'future-check',
      title: 'future-check',
      category: 'other',
    });
  });
});

describe('groupByCategory', () => {
  it('lists categories with failing checks first and counts passes', () => {
    const groups = groupByCategory(
      buildCheckRows(scorecard.report, definitions),
    );
    expect(
      groups.map(g => [g.category, g.passing, g.failing, g.evaluated]),
    ).toEqual([
      ['health', 1, 1, 2],
      ['security', 0, 0, 1],
      ['operations', 1, 0, 1],
    ]);
  });

  it('groups custom checks in their own category, after the built-in ones of the same standing', () => {
    const all = [...definitions, ...customDefinitions];
    const rows = buildCheckRows(scorecardWithCustomChecks.report, all);
    const groups = groupByCategory(rows, categoryOrder(all));
    expect(groups.map(g => [g.category, g.rows.map(row => row.title)])).toEqual(
      [
        [
          'health',
          [
            'Containers declare a liveness probe',
            'Containers declare a readiness probe',
          ],
        ],
        ['data-protection', ['Volumes use the encrypted storage class']],
        ['security', ['Containers run as a non-root user']],
        ['operations', ['A runbook is linked', 'Pods carry a team label']],
      ],
    );
  });
});

describe('topFailingRows', () => {
  it('keeps only failing checks, most severe first', () => {
    const rows = buildCheckRows(scorecard.report, definitions);
    expect(topFailingRows(rows, 3).map(row => row.id)).toEqual([
      'liveness-probe',
    ]);
  });
});
