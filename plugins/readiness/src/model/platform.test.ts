import {
  clusterRow,
  platformDefinitions,
  platformOverview,
  prodScorecard,
  stagingScorecard,
} from '../__testUtils__/platformFixtures';
import {
  buildMatrix,
  buildPlatformRows,
  categoriesInOrderOf,
  missingCapabilities,
} from './platform';

describe('buildPlatformRows', () => {
  it('makes one row per check of the cluster, failing first, each evaluated on the cluster', () => {
    const rows = buildPlatformRows(
      stagingScorecard.report,
      platformDefinitions,
    );
    expect(rows.map(row => [row.id, row.status])).toEqual([
      ['default-deny-ingress', 'fail'],
      ['backup-system', 'fail'],
      ['rbac-least-privilege', 'error'],
      ['cluster-logging', 'pass'],
      ['cluster-metrics', 'pass'],
      ['default-storage-class', 'pass'],
    ]);
    const backups = rows[1];
    expect(backups).toMatchObject({
      title: 'Velero backs up the cluster on a schedule',
      category: 'recovery',
      message: 'Velero is not installed: no CRD schedules.velero.io.',
    });
    expect(backups.occurrences).toHaveLength(1);
    expect(backups.occurrences[0].target).toMatchObject({
      kind: 'Cluster',
      name: 'staging',
    });
  });

  it('shows a check the definitions do not know by its id', () => {
    const [row] = buildPlatformRows(
      {
        ...prodScorecard.report,
        cluster: {
          name: 'prod-eu',
          results: [
            {
              check: 'service-mesh',
              status: 'fail',
              severity: 'low',
              message: 'No mesh.',
            },
          ],
        },
      },
      platformDefinitions,
    );
    expect(row).toMatchObject({
      id: 'service-mesh',
      title: 'service-mesh',
      category: 'other',
    });
  });
});

describe('categoriesInOrderOf', () => {
  it('keeps the order in which the backend lists the checks', () => {
    expect(categoriesInOrderOf(platformDefinitions)).toEqual([
      'observability',
      'networking',
      'security',
      'recovery',
      'storage',
    ]);
  });
});

describe('missingCapabilities', () => {
  it('counts failing checks only, not errors nor exemptions', () => {
    expect(missingCapabilities(clusterRow(stagingScorecard))).toEqual([
      'default-deny-ingress',
      'backup-system',
    ]);
    expect(missingCapabilities(clusterRow(prodScorecard))).toEqual([]);
  });
});

describe('buildMatrix', () => {
  it('has a row per capability grouped by category, a status per cluster column', () => {
    const groups = buildMatrix(platformOverview);
    expect(groups.map(group => group.category)).toEqual([
      'observability',
      'networking',
      'security',
      'recovery',
      'storage',
    ]);
    expect(groups[0].rows.map(row => [row.id, row.statuses])).toEqual([
      ['cluster-metrics', ['pass', 'pass']],
      ['cluster-logging', ['exempt', 'pass']],
    ]);
    expect(groups[3].rows[0].statuses).toEqual(['pass', 'fail']);
  });

  it('adds rows for checks the catalogue lacks, and leaves gaps where a cluster has no result', () => {
    const [prod, staging] = platformOverview.clusters;
    const groups = buildMatrix({
      ...platformOverview,
      clusters: [
        { ...prod, statuses: { ...prod.statuses, 'service-mesh': 'fail' } },
        staging,
      ],
    });
    const other = groups[groups.length - 1];
    expect(other.category).toBe('other');
    expect(other.rows).toEqual([
      {
        id: 'service-mesh',
        title: 'service-mesh',
        statuses: ['fail', undefined],
      },
    ]);
  });
});
