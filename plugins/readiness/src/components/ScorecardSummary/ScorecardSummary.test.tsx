import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { scorecard } from '../../__testUtils__/fixtures';
import { ScorecardSummary } from './ScorecardSummary';

describe('ScorecardSummary', () => {
  it('shows score, level, verdict and how many checks fail', async () => {
    await renderInTestApp(
      <ScorecardSummary scorecard={scorecard} failingChecks={2} />,
    );
    expect(screen.getByLabelText('Score 78 of 100')).toHaveTextContent('78');
    expect(screen.getByText('Bronze')).toBeInTheDocument();
    expect(screen.getByText('Not production ready')).toBeInTheDocument();
    expect(screen.getByText(/^2 failing checks/)).toBeInTheDocument();
    expect(screen.getByText(/^Evaluated /)).toBeInTheDocument();
  });

  it('says when the entity is production ready', async () => {
    await renderInTestApp(
      <ScorecardSummary
        scorecard={{ ...scorecard, level: 'gold', productionReady: true }}
        failingChecks={0}
      />,
    );
    expect(screen.getByText('Production ready')).toBeInTheDocument();
    expect(screen.getByText('No check is failing.')).toBeInTheDocument();
  });

  it('warns that results are stale, with the reason', async () => {
    await renderInTestApp(
      <ScorecardSummary
        scorecard={{
          ...scorecard,
          stale: true,
          staleReason: 'cluster:prod: HTTP 503',
        }}
        failingChecks={2}
      />,
    );
    expect(
      screen.getByText(/Some results are out of date/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Reason: cluster:prod: HTTP 503'),
    ).toBeInTheDocument();
  });

  it('shows no stale warning for a fresh scorecard', async () => {
    await renderInTestApp(
      <ScorecardSummary scorecard={scorecard} failingChecks={2} />,
    );
    expect(screen.queryByText(/out of date/)).not.toBeInTheDocument();
  });
});
