import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderReadiness } from '../../__testUtils__/render';
import { scorecard } from '../../__testUtils__/fixtures';
import { permissionApiAnswering } from '../../__testUtils__/permissions';
import { RefreshScorecardButton } from './RefreshScorecardButton';

describe('RefreshScorecardButton', () => {
  it('evaluates the entity and hands over the new scorecard', async () => {
    const refreshScorecard = jest.fn(async () => scorecard);
    const onRefreshed = jest.fn();
    await renderReadiness(
      <RefreshScorecardButton
        entityRef="component:default/may-refresh"
        onRefreshed={onRefreshed}
      />,
      { api: { refreshScorecard } },
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Refresh' }),
    );

    await waitFor(() => expect(onRefreshed).toHaveBeenCalledWith(scorecard));
    expect(refreshScorecard).toHaveBeenCalledWith(
      'component:default/may-refresh',
    );
  });

  it('is not shown without the readiness.entity.refresh permission', async () => {
    const permissionApi = permissionApiAnswering(false);
    const authorize = jest.spyOn(permissionApi, 'authorize');
    await renderReadiness(
      <RefreshScorecardButton
        entityRef="component:default/may-not-refresh"
        onRefreshed={jest.fn()}
      />,
      { permissionApi },
    );

    // The answer is in: the user was asked about, and denied.
    await waitFor(() =>
      expect(authorize).toHaveBeenCalledWith(
        expect.objectContaining({
          permission: expect.objectContaining({
            name: 'readiness.entity.refresh',
          }),
          resourceRef: 'component:default/may-not-refresh',
        }),
      ),
    );
    await act(() => authorize.mock.results[0].value);
    expect(
      screen.queryByRole('button', { name: 'Refresh' }),
    ).not.toBeInTheDocument();
  });
});
