import { screen } from '@testing-library/react';
import { entityCampaigns } from '../../__testUtils__/campaignFixtures';
import { entity } from '../../__testUtils__/fixtures';
import { renderReadiness } from '../../__testUtils__/render';
import { EntityReadinessContent } from '../EntityReadinessContent';
import { EntityCampaignBanners } from './EntityCampaignBanners';

describe('EntityCampaignBanners', () => {
  it('names each campaign the service fails, its due date and the checks it still fails', async () => {
    const getEntityCampaigns = jest.fn(async () => entityCampaigns);
    await renderReadiness(<EntityCampaignBanners />, {
      entity,
      api: { getEntityCampaigns },
    });

    const [running, overdue] = await screen.findAllByRole('alert');
    expect(running).toHaveTextContent(
      'PDB campaign, due 31 Jan: this service still fails pdb',
    );
    expect(running).toHaveClass('MuiAlert-standardWarning');
    expect(overdue).toHaveTextContent(
      'Runbooks for all, due 31 Oct (overdue): this service still fails runbook and liveness-probe',
    );
    expect(overdue).toHaveClass('MuiAlert-standardError');
    expect(getEntityCampaigns).toHaveBeenCalledWith(
      'component:default/notification-service',
    );
  });

  it('links each banner to its campaign on the Campaigns tab', async () => {
    await renderReadiness(<EntityCampaignBanners />, {
      entity,
      api: { getEntityCampaigns: async () => entityCampaigns },
    });

    expect(
      await screen.findByRole('link', { name: 'PDB campaign' }),
    ).toHaveAttribute('href', '/readiness/campaigns?campaign=pdb-everywhere');
  });

  it('shows nothing for a campaign the entity no longer fails', async () => {
    await renderReadiness(
      <>
        <EntityCampaignBanners />
        <span>rendered</span>
      </>,
      {
        entity,
        api: {
          getEntityCampaigns: async () => [
            { campaign: entityCampaigns[0].campaign, failingChecks: [] },
          ],
        },
      },
    );

    await screen.findByText('rendered');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('puts the banners above the scorecard on the Readiness tab', async () => {
    await renderReadiness(<EntityReadinessContent />, {
      entity,
      api: { getEntityCampaigns: async () => entityCampaigns },
    });

    expect(await screen.findByLabelText('Score 78 of 100')).toBeInTheDocument();
    const banners = await screen.findAllByRole('alert');
    expect(banners).toHaveLength(2);
    expect(
      banners[0].compareDocumentPosition(
        screen.getByLabelText('Score 78 of 100'),
      ) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it('leaves the Readiness tab whole when the campaigns cannot be read', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    const getEntityCampaigns = jest.fn(() =>
      Promise.reject(new Error('backend down')),
    );
    await renderReadiness(<EntityReadinessContent />, {
      entity,
      api: { getEntityCampaigns },
    });

    expect(await screen.findByLabelText('Score 78 of 100')).toBeInTheDocument();
    expect(getEntityCampaigns).toHaveBeenCalled();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(warn).toHaveBeenCalledWith(
      'Could not read the campaigns of component:default/notification-service',
      expect.any(Error),
    );
    warn.mockRestore();
  });
});
