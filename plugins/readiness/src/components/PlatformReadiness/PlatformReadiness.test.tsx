import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import { renderReadiness } from '../../__testUtils__/render';
import {
  platformOverview,
  prodScorecard,
  stagingScorecard,
} from '../../__testUtils__/platformFixtures';
import { PlatformReadiness } from './PlatformReadiness';

const scorecards = [prodScorecard, stagingScorecard];

function renderPlatform(
  api: NonNullable<Parameters<typeof renderReadiness>[1]>['api'] = {},
) {
  return renderReadiness(<PlatformReadiness />, {
    api: {
      getPlatformOverview: async () => platformOverview,
      getPlatformScorecard: async cluster =>
        scorecards.find(s => s.cluster === cluster),
      ...api,
    },
  });
}

/** The matrix's columns: the text of each cluster's header cell. */
function columnHeaders(table: HTMLElement): HTMLElement[] {
  return within(table).getAllByRole('columnheader').slice(1);
}

describe('PlatformReadiness', () => {
  it('puts the clusters side by side, each with level, score, trend and what it lacks', async () => {
    await renderPlatform();

    const table = await screen.findByRole('table', {
      name: 'Capabilities by cluster',
    });
    const [prod, staging] = columnHeaders(table);
    expect(
      within(prod).getByRole('link', { name: 'Production EU' }),
    ).toBeInTheDocument();
    expect(within(prod).getByText('prod-eu')).toBeInTheDocument();
    expect(within(prod).getByLabelText('Level: Gold')).toBeInTheDocument();
    expect(within(prod).getByLabelText('Score 100 of 100')).toBeInTheDocument();
    expect(
      within(prod).getByRole('img', { name: 'Score up from 88 to 100' }),
    ).toBeInTheDocument();
    expect(within(prod).getByText('Nothing missing')).toBeInTheDocument();

    // No catalog entity: the name only, not a link.
    expect(within(staging).getByText('staging')).toBeInTheDocument();
    expect(within(staging).queryByRole('link')).not.toBeInTheDocument();
    expect(
      within(staging).getByLabelText('Level: No level'),
    ).toBeInTheDocument();
    expect(
      within(staging).getByRole('img', { name: 'Score down from 64 to 52' }),
    ).toBeInTheDocument();
    expect(
      within(staging).getByText('2 missing capabilities'),
    ).toBeInTheDocument();
  });

  it("shows each capability's status on each cluster, grouped by category", async () => {
    await renderPlatform();

    const table = await screen.findByRole('table', {
      name: 'Capabilities by cluster',
    });
    expect(
      within(table)
        .getAllByRole('heading', { level: 3 })
        .map(heading => heading.textContent),
    ).toEqual([
      'Observability',
      'Networking',
      'Security',
      'Recovery',
      'Storage',
    ]);

    const backups = within(table).getByRole('row', {
      name: /Velero backs up the cluster on a schedule/,
    });
    expect(within(backups).getByText('backup-system')).toBeInTheDocument();
    expect(within(backups).getByText('high')).toBeInTheDocument();
    expect(
      within(backups).getByLabelText('prod-eu: Passing'),
    ).toBeInTheDocument();
    expect(
      within(backups).getByLabelText('staging: Failing'),
    ).toBeInTheDocument();

    const logging = within(table).getByRole('row', {
      name: /A DaemonSet ships container logs/,
    });
    expect(
      within(logging).getByLabelText('prod-eu: Exempt'),
    ).toBeInTheDocument();

    const rbac = within(table).getByRole('row', {
      name: /Nobody outside the system holds cluster-admin/,
    });
    expect(
      within(rbac).getByLabelText('staging: Not evaluated'),
    ).toBeInTheDocument();

    // The icons are explained once, under the matrix.
    expect(
      within(screen.getByRole('list', { name: 'Legend' }))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'Passing',
      'Failing',
      'Exempt',
      'Not evaluated',
      'Not applicable',
    ]);
  });

  it('narrows the matrix to the gaps: capabilities some cluster lacks or could not evaluate', async () => {
    await renderPlatform();

    const table = await screen.findByRole('table', {
      name: 'Capabilities by cluster',
    });
    await userEvent.click(screen.getByRole('checkbox', { name: 'Only gaps' }));

    const rows = within(table)
      .getAllByRole('row')
      .map(row => row.getAttribute('aria-label'))
      .filter(Boolean);
    expect(rows).toEqual([
      'Every application namespace denies ingress by default',
      'Nobody outside the system holds cluster-admin',
      'Velero backs up the cluster on a schedule',
    ]);
    expect(
      within(table)
        .getAllByRole('heading', { level: 3 })
        .map(heading => heading.textContent),
    ).toEqual(['Networking', 'Security', 'Recovery']);
  });

  it('tells on hover what was found in a cell', async () => {
    await renderPlatform();

    const table = await screen.findByRole('table', {
      name: 'Capabilities by cluster',
    });
    const backups = within(table).getByRole('row', {
      name: /Velero backs up the cluster on a schedule/,
    });
    await userEvent.hover(within(backups).getByLabelText('staging: Failing'));

    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Velero is not installed: no CRD schedules.velero.io.',
    );
  });

  it("lists the staging cluster's missing capabilities with their remediation", async () => {
    await renderPlatform();

    const missing = await screen.findByRole('region', {
      name: 'Missing on staging',
    });
    const buttons = within(missing).getAllByRole('button');
    expect(buttons.map(button => button.textContent)).toEqual([
      expect.stringContaining(
        'Every application namespace denies ingress by default',
      ),
      expect.stringContaining('Velero backs up the cluster on a schedule'),
    ]);
    // Only clusters that lack something get a list.
    expect(
      screen.queryByRole('region', { name: 'Missing on Production EU' }),
    ).not.toBeInTheDocument();

    expect(
      await within(missing).findByText(
        'Velero is not installed: no CRD schedules.velero.io.',
      ),
    ).toBeInTheDocument();
    await userEvent.click(buttons[1]);
    const details = await screen.findByRole('region', {
      name: /Velero backs up the cluster on a schedule/,
    });
    expect(
      within(details).getByText('Install Velero and create a backup Schedule.'),
    ).toBeInTheDocument();
  });

  it('still lists what a cluster lacks when its scorecard cannot be read', async () => {
    await renderPlatform({
      getPlatformScorecard: async cluster => {
        if (cluster === 'staging') {
          throw await ResponseError.fromResponse(
            new Response('{"error":{"name":"Error","message":"down"}}', {
              status: 503,
              headers: { 'Content-Type': 'application/json' },
            }),
          );
        }
        return prodScorecard;
      },
    });

    const missing = await screen.findByRole('region', {
      name: 'Missing on staging',
    });
    expect(
      within(missing).getByText('Velero backs up the cluster on a schedule'),
    ).toBeInTheDocument();
  });

  it('marks a cluster whose latest read failed as out of date, with the reason', async () => {
    const [prod, staging] = platformOverview.clusters;
    await renderPlatform({
      getPlatformOverview: async () => ({
        ...platformOverview,
        clusters: [
          prod,
          {
            ...staging,
            stale: true,
            staleReason: 'Cluster staging: 401 Unauthorized',
          },
        ],
      }),
    });

    const table = await screen.findByRole('table', {
      name: 'Capabilities by cluster',
    });
    const [prodHeader, stagingHeader] = columnHeaders(table);
    expect(
      within(prodHeader).queryByText('Out of date'),
    ).not.toBeInTheDocument();
    await userEvent.hover(within(stagingHeader).getByText('Out of date'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Cluster staging: 401 Unauthorized',
    );
  });

  it('explains how to add clusters when none is scored', async () => {
    await renderPlatform({
      getPlatformOverview: async () => ({ clusters: [], checks: [] }),
    });

    expect(
      await screen.findByText('No cluster is scored yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /^How to add a cluster/ }),
    ).toHaveAttribute(
      'href',
      expect.stringMatching(/readiness-backend\/README\.md#live-clusters$/),
    );
  });

  it('explains a failure to load the overview', async () => {
    const error = await ResponseError.fromResponse(
      new Response('{"error":{"name":"Error","message":"database down"}}', {
        status: 500,
        statusText: 'Internal Server Error',
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    await renderPlatform({ getPlatformOverview: () => Promise.reject(error) });

    expect(
      await screen.findByText(
        'Error: Request failed with 500 Internal Server Error',
      ),
    ).toBeInTheDocument();
  });
});
