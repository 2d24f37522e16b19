import { screen, within } from '@testing-library/react';
import { renderReadiness } from '../../__testUtils__/render';
import { AdoptionByTeamTable } from './AdoptionByTeamTable';

describe('AdoptionByTeamTable', () => {
  it('shows each team with share production ready, levels and mean score', async () => {
    await renderReadiness(
      <AdoptionByTeamTable
        adoption={[
          {
            owner: 'group:default/payments-team',
            entities: 3,
            levels: { gold: 1, silver: 1, bronze: 0, none: 1 },
            productionReadyShare: 2 / 3,
            meanScore: 75,
          },
          {
            owner: 'unowned',
            entities: 1,
            levels: { gold: 0, silver: 0, bronze: 0, none: 1 },
            productionReadyShare: 0,
            meanScore: 20,
          },
        ]}
      />,
    );

    const rows = screen.getAllByRole('row').slice(1);
    // Furthest behind first.
    expect(within(rows[0]).getByText('No owner')).toBeInTheDocument();
    const payments = within(rows[1]);
    expect(payments.getByText('payments-team')).toBeInTheDocument();
    expect(payments.getByText('67 %')).toBeInTheDocument();
    expect(payments.getByText('75')).toBeInTheDocument();
  });

  it('says what to expect when no team has a scored entity', async () => {
    await renderReadiness(<AdoptionByTeamTable adoption={[]} />);
    expect(
      screen.getByText(/No team has a scored entity yet/),
    ).toBeInTheDocument();
  });
});
