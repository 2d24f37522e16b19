import { screen } from '@testing-library/react';
import { renderReadiness } from '../../__testUtils__/render';
import { rankCampaigns, TopFailingChecks } from './TopFailingChecks';

const failures = [
  {
    check: 'cpu-limits',
    title: 'Containers limit CPU',
    category: 'resources' as const,
    severity: 'low' as const,
    failingEntities: 4,
  },
  {
    check: 'pdb',
    title: 'A PodDisruptionBudget protects the pods',
    category: 'availability' as const,
    severity: 'high' as const,
    failingEntities: 2,
  },
];

describe('rankCampaigns', () => {
  it('ranks by entities failing times severity weight', () => {
    const ranked = rankCampaigns(failures, 8);
    expect(ranked.map(row => [row.check, row.impact, row.share])).toEqual([
      ['pdb', 10, 0.25],
      ['cpu-limits', 4, 0.5],
    ]);
  });
});

describe('TopFailingChecks', () => {
  it('lists the checks worth a campaign first, linked to their docs', async () => {
    await renderReadiness(
      <TopFailingChecks failures={failures} totalEntities={8} />,
    );

    const links = screen.getAllByRole('link');
    expect(links[0]).toHaveTextContent(
      'A PodDisruptionBudget protects the pods',
    );
    expect(links[0].getAttribute('href')).toMatch(/checks\.md#pdb$/);
    expect(screen.getByText('2 (25 %)')).toBeInTheDocument();
    expect(screen.getByText('Availability')).toBeInTheDocument();
  });

  it('says when nothing fails anywhere', async () => {
    await renderReadiness(<TopFailingChecks failures={[]} totalEntities={0} />);
    expect(screen.getByText(/No check fails anywhere/)).toBeInTheDocument();
  });
});
