import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { OverviewFilters } from './OverviewFilters';

describe('OverviewFilters', () => {
  it('offers owners and systems by short name and reports the choice', async () => {
    const onChange = jest.fn();
    await renderInTestApp(
      <OverviewFilters
        values={{ level: 'gold' }}
        owners={['group:default/payments-team', 'group:ops/sre']}
        systems={['system:default/billing']}
        onChange={onChange}
      />,
    );

    await userEvent.click(screen.getByLabelText('Owner'));
    const options = within(screen.getByRole('listbox'));
    expect(
      options.getAllByRole('option').map(option => option.textContent),
    ).toEqual(['All owners', 'payments-team', 'ops/sre']);
    await userEvent.click(options.getByText('payments-team'));

    expect(onChange).toHaveBeenLastCalledWith({
      level: 'gold',
      owner: 'group:default/payments-team',
    });
  });

  it('reports search text as it is typed', async () => {
    const onChange = jest.fn();
    await renderInTestApp(
      <OverviewFilters
        values={{}}
        owners={[]}
        systems={[]}
        onChange={onChange}
      />,
    );

    await userEvent.type(screen.getByLabelText('Search'), 'p');

    expect(onChange).toHaveBeenLastCalledWith({ search: 'p' });
  });
});
