import { screen, within } from '@testing-library/react';
import type { CheckDefinition } from '@prodready/backstage-plugin-readiness-common';
import { customDefinitions } from '../../__testUtils__/fixtures';
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

// What /checks says of the two built-in checks above.
const builtIn: CheckDefinition[] = failures.map(failure => ({
  id: failure.check,
  title: failure.title,
  category: failure.category,
  severity: failure.severity,
  target: 'workload',
  rationale: '',
  remediation: '',
  remediationSnippet: '',
  docsAnchor: failure.check,
}));

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
      <TopFailingChecks
        failures={failures}
        totalEntities={8}
        definitions={builtIn}
      />,
    );

    const links = screen.getAllByRole('link');
    expect(links[0]).toHaveTextContent(
      'A PodDisruptionBudget protects the pods',
    );
    expect(links[0].getAttribute('href')).toMatch(/checks\.md#pdb$/);
    expect(screen.getByText('2 (25 %)')).toBeInTheDocument();
    expect(screen.getByText('Availability')).toBeInTheDocument();
  });

  it('shows a custom check by its title from /checks, in its category, linked to its docs', async () => {
    await renderReadiness(
      <TopFailingChecks
        failures={[
          {
            check: 'encrypted-volumes',
            // An older backend may not know the title; /checks does.
            title: '',
            category: 'data-protection',
            severity: 'medium',
            failingEntities: 3,
          },
        ]}
        totalEntities={6}
        definitions={[...builtIn, ...customDefinitions]}
      />,
    );

    const link = screen.getByRole('link', {
      name: /^Volumes use the encrypted storage class/,
    });
    expect(link).toHaveAttribute(
      'href',
      'https://wiki.acme.example/platform/encrypted-volumes',
    );
    const row = link.closest('tr')!;
    expect(within(row).getByText('encrypted-volumes')).toBeInTheDocument();
    expect(within(row).getByText('Data protection')).toBeInTheDocument();
  });

  it('shows a check /checks no longer lists by its id, without a link', async () => {
    await renderReadiness(
      <TopFailingChecks
        failures={[
          {
            check: 'retired-check',
            title: '',
            category: 'other',
            severity: 'low',
            failingEntities: 1,
          },
        ]}
        totalEntities={2}
        definitions={builtIn}
      />,
    );

    expect(screen.getAllByText('retired-check')).toHaveLength(2);
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('says when nothing fails anywhere', async () => {
    await renderReadiness(<TopFailingChecks failures={[]} totalEntities={0} />);
    expect(screen.getByText(/No check fails anywhere/)).toBeInTheDocument();
  });
});
