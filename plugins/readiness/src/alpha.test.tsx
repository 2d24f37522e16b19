import { configure, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Entity } from '@backstage/catalog-model';
import { renderTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import readinessPlugin, {
  entityReadinessCard,
  entityReadinessContent,
  readinessChecksSubPage,
  readinessOverviewSubPage,
  readinessPage,
} from './alpha';
import { readinessApiRef } from './api';
import {
  drift,
  entity,
  fakeReadinessApi,
  overviewRow,
  scorecard,
  systems,
} from './__testUtils__/fixtures';
import {
  clusterEntity,
  platformDefinitions,
  platformOverview,
  prodScorecard,
} from './__testUtils__/platformFixtures';
import { permissionApiAnswering } from './__testUtils__/permissions';
import {
  entityCampaigns,
  pdbCampaignDetail,
} from './__testUtils__/campaignFixtures';

// A whole app renders here, its pages loaded lazily: on a busy machine that
// takes seconds, so queries wait longer than the default second.
configure({ asyncUtilTimeout: 15_000 });
jest.setTimeout(60_000);

const apis = [
  [
    readinessApiRef,
    fakeReadinessApi({
      getOverview: async () => ({
        items: [overviewRow()],
        total: 1,
        limit: 20,
        offset: 0,
      }),
    }),
  ],
  [permissionApiRef, permissionApiAnswering(true)],
  [catalogApiRef, catalogApiMock({ entities: [entity, ...systems] })],
] as const;

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments-team' },
  spec: { type: 'team', children: [] },
};

describe('readiness plugin for the new frontend system', () => {
  it('has the extension ids the README documents', () => {
    expect(readinessPlugin.id).toBe('readiness');
    for (const id of [
      'api:readiness',
      'page:readiness',
      'sub-page:readiness/overview',
      'sub-page:readiness/campaigns',
      'sub-page:readiness/platform',
      'sub-page:readiness/checks',
      'entity-content:readiness',
      'entity-card:readiness',
    ] as const) {
      expect(readinessPlugin.getExtension(id)).toBeDefined();
    }
  });

  it('shows the Readiness tab content on a component', async () => {
    renderTestApp({
      extensions: [createTestEntityPage({ entity }), entityReadinessContent],
      apis,
    });

    expect(await screen.findByLabelText('Score 78 of 100')).toBeInTheDocument();
    expect(
      screen.getByText('Containers declare a liveness probe'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Refresh' }),
    ).toBeInTheDocument();
  });

  it('shows on the Readiness tab where the cluster drifted from Git', async () => {
    renderTestApp({
      extensions: [createTestEntityPage({ entity }), entityReadinessContent],
      apis: [
        [
          readinessApiRef,
          fakeReadinessApi({
            getScorecard: async () => ({ ...scorecard, drift }),
          }),
        ],
        apis[1],
        apis[2],
      ],
    });

    expect(
      await screen.findByRole('region', { name: 'Drift from Git' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'live Deployment notification-api runs 1 replica, Git says 3',
      ),
    ).toBeInTheDocument();
  });

  it('leaves the tab off entities the backend does not score', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: group }),
        entityReadinessContent,
        entityReadinessCard,
      ],
      apis,
    });

    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });

  describe("the card's link to the tab", () => {
    const viewReadiness = { name: /View readiness/ };

    it('goes to the tab at its default path', async () => {
      renderTestApp({
        extensions: [
          createTestEntityPage({ entity }),
          entityReadinessContent,
          entityReadinessCard,
        ],
        apis,
      });

      expect(await screen.findByText('Top failing checks')).toBeInTheDocument();
      // The test entity page is mounted at the root.
      expect(screen.getByRole('link', viewReadiness)).toHaveAttribute(
        'href',
        '/readiness',
      );
    });

    // The whole plugin, so that the app config addresses its extensions by
    // the ids the README documents.
    it('follows the path the app configures for the tab', async () => {
      renderTestApp({
        extensions: [createTestEntityPage({ entity })],
        features: [readinessPlugin],
        config: {
          app: {
            extensions: [
              {
                'entity-content:readiness': {
                  config: { path: 'production-readiness' },
                },
              },
            ],
          },
        },
        apis,
      });

      expect(await screen.findByText('Top failing checks')).toBeInTheDocument();
      expect(screen.getByRole('link', viewReadiness)).toHaveAttribute(
        'href',
        '/production-readiness',
      );
    });

    it('is left out when the app has no Readiness tab', async () => {
      renderTestApp({
        extensions: [createTestEntityPage({ entity }), entityReadinessCard],
        apis,
      });

      expect(await screen.findByText('Top failing checks')).toBeInTheDocument();
      expect(screen.queryByRole('link', viewReadiness)).not.toBeInTheDocument();
    });

    it('is left out when the app disables the tab', async () => {
      renderTestApp({
        extensions: [createTestEntityPage({ entity })],
        features: [readinessPlugin],
        config: {
          app: { extensions: [{ 'entity-content:readiness': false }] },
        },
        apis: [
          [
            readinessApiRef,
            fakeReadinessApi({ getScorecard: async () => undefined }),
          ],
          ...apis.slice(1),
        ],
      });

      // Nor does it send the user to a tab to evaluate the entity.
      expect(
        await screen.findByText(
          "Not evaluated yet. The scorecard appears after the backend's next run.",
        ),
      ).toBeInTheDocument();
      expect(screen.queryByRole('link', viewReadiness)).not.toBeInTheDocument();
    });
  });

  it("links the overview's rows to each entity's tab at its configured path", async () => {
    // The catalog's own entity page, at /catalog/:namespace/:kind/:name.
    renderTestApp({
      features: [catalogPlugin, readinessPlugin],
      config: {
        app: {
          extensions: [
            {
              'entity-content:readiness': {
                config: { path: 'production-readiness' },
              },
            },
          ],
        },
      },
      apis,
      initialRouteEntries: ['/readiness'],
    });

    const row = await screen.findByRole(
      'link',
      { name: 'Notification Service' },
      { timeout: 10_000 },
    );
    expect(row).toHaveAttribute(
      'href',
      '/catalog/default/component/notification-service/production-readiness',
    );

    await userEvent.click(row);
    expect(
      await screen.findByRole(
        'button',
        { name: 'Refresh' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
  }, 30_000);

  it('serves /readiness with an Overview and a Checks tab', async () => {
    renderTestApp({
      extensions: [
        readinessPage,
        readinessOverviewSubPage,
        readinessChecksSubPage,
      ],
      apis,
      initialRouteEntries: ['/readiness'],
    });

    expect(await screen.findByText('Adoption by team')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Overview' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Checks' })).toBeInTheDocument();
  });

  it('opens /readiness/overview?drift=true with the "Only drifting" filter on, which the switch turns off', async () => {
    const getOverview = jest.fn(async () => ({
      items: [overviewRow({ driftCount: 2 })],
      total: 1,
      limit: 20,
      offset: 0,
    }));
    // The catalog's own entity page, which the rows link to.
    renderTestApp({
      features: [catalogPlugin, readinessPlugin],
      apis: [
        [readinessApiRef, fakeReadinessApi({ getOverview })],
        apis[1],
        apis[2],
      ],
      initialRouteEntries: ['/readiness/overview?drift=true'],
    });

    expect(
      await screen.findByRole(
        'link',
        { name: '2 workloads of Notification Service drifted from Git' },
        { timeout: 10_000 },
      ),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/notification-service/readiness',
    );
    const onlyDrifting = screen.getByRole('checkbox', {
      name: 'Only drifting',
    });
    expect(onlyDrifting).toBeChecked();
    expect(getOverview).toHaveBeenCalledWith(
      expect.objectContaining({ drift: true }),
    );

    await userEvent.click(onlyDrifting);
    await waitFor(() =>
      expect(getOverview).toHaveBeenLastCalledWith(
        expect.not.objectContaining({ drift: true }),
      ),
    );
    expect(onlyDrifting).not.toBeChecked();
  }, 30_000);

  it('shows the Readiness tab with its platform scorecard on a cluster entity', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: clusterEntity }),
        entityReadinessContent,
      ],
      apis: [
        [
          readinessApiRef,
          fakeReadinessApi({
            getPlatformScorecard: async () => prodScorecard,
            getChecks: async () => platformDefinitions,
          }),
        ],
        apis[1],
        apis[2],
      ],
    });

    expect(
      await screen.findByLabelText('Score 100 of 100'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Velero 1.14 in namespace velero, 3 schedules.'),
    ).toBeInTheDocument();
  });

  it("serves the clusters side by side on the Platform tab of /readiness, linked to their entities' tab", async () => {
    renderTestApp({
      features: [catalogPlugin, readinessPlugin],
      apis: [
        [
          readinessApiRef,
          fakeReadinessApi({
            getPlatformOverview: async () => platformOverview,
          }),
        ],
        apis[1],
        apis[2],
      ],
      initialRouteEntries: ['/readiness/platform'],
    });

    expect(
      await screen.findByRole(
        'table',
        { name: 'Capabilities by cluster' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Platform' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Production EU' })).toHaveAttribute(
      'href',
      '/catalog/default/resource/prod-eu/readiness',
    );
  }, 30_000);

  it("links the entity tab's campaign banner to the campaign on the Campaigns tab", async () => {
    renderTestApp({
      features: [catalogPlugin, readinessPlugin],
      apis: [
        [
          readinessApiRef,
          fakeReadinessApi({
            getEntityCampaigns: async () => entityCampaigns,
            getCampaign: async () => pdbCampaignDetail,
          }),
        ],
        apis[1],
        apis[2],
      ],
      initialRouteEntries: [
        '/catalog/default/component/notification-service/readiness',
      ],
    });

    const banner = await screen.findByRole(
      'link',
      { name: 'PDB campaign' },
      { timeout: 10_000 },
    );
    expect(banner).toHaveAttribute(
      'href',
      '/readiness/campaigns?campaign=pdb-everywhere',
    );

    await userEvent.click(banner);
    expect(
      await screen.findByText(
        '3 of 10 failing on 3 Nov; 7 of 10 on 1 Nov.',
        undefined,
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Campaigns' })).toBeInTheDocument();
  }, 30_000);
});
