import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderReadiness } from '../../__testUtils__/render';
import { scorecard } from '../../__testUtils__/fixtures';
import { NotEvaluatedState } from './NotEvaluatedState';

describe('NotEvaluatedState', () => {
  it('says the entity is not evaluated yet and offers "Evaluate now"', async () => {
    const onEvaluated = jest.fn();
    await renderReadiness(
      <NotEvaluatedState
        entityRef="component:default/new-service"
        onEvaluated={onEvaluated}
      />,
      { api: { refreshScorecard: async () => scorecard } },
    );

    expect(screen.getByText('Not evaluated yet')).toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Evaluate now' }),
    );
    await waitFor(() => expect(onEvaluated).toHaveBeenCalledWith(scorecard));
  });
});
