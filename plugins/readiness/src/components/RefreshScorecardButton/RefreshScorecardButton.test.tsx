import { ResponseError } from '@backstage/errors';
import { alertApiRef } from '@backstage/frontend-plugin-api';
import { mockApis } from '@backstage/frontend-test-utils';
import { TestApiProvider } from '@backstage/test-utils';
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

  it('says when to try again when the entity was evaluated moments ago', async () => {
    const message =
      'component:default/busy was evaluated at 2026-11-22T10:00:00.000Z; an entity is ' +
      'evaluated at most once every 30 seconds (readiness.refresh.minIntervalSeconds). ' +
      'Try again in 12 seconds.';
    // The body and status the backend sends, read as the client reads them.
    const refreshScorecard = async () => {
      throw await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: { name: 'TooManyRequestsError', message },
            request: { method: 'POST', url: '/refresh' },
            response: { statusCode: 429 },
          }),
          {
            status: 429,
            statusText: 'Too Many Requests',
            headers: {
              'Content-Type': 'application/json',
              'Retry-After': '12',
            },
          },
        ),
      );
    };
    const alertApi = mockApis.alert();
    const onRefreshed = jest.fn();
    await renderReadiness(
      <TestApiProvider apis={[[alertApiRef, alertApi]]}>
        <RefreshScorecardButton
          entityRef="component:default/busy"
          onRefreshed={onRefreshed}
        />
      </TestApiProvider>,
      { api: { refreshScorecard } },
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Refresh' }),
    );

    await waitFor(() =>
      expect(alertApi.getAlerts()).toEqual([
        { message, severity: 'info', display: 'transient' },
      ]),
    );
    expect(onRefreshed).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Refresh' })).toBeEnabled();
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
