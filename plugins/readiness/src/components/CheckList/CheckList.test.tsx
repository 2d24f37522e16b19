import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { buildCheckRows } from '../../model/checkRows';
import { definitions, scorecard } from '../../__testUtils__/fixtures';
import { CheckList } from './CheckList';

const docsUrl = (anchor: string) => `https://docs.example/checks#${anchor}`;
const rows = buildCheckRows(scorecard.report, definitions);

function checkTitles() {
  return screen
    .getAllByRole('heading', { level: 4 })
    .map(heading => heading.textContent);
}

describe('CheckList', () => {
  it('groups checks by category with the failing category and check first', async () => {
    await renderInTestApp(<CheckList rows={rows} docsUrl={docsUrl} />);

    const sections = screen.getAllByRole('region');
    expect(sections.map(s => s.getAttribute('aria-label'))).toEqual([
      'Health',
      'Security',
      'Operations',
    ]);
    expect(within(sections[0]).getByText('1 of 2 passing')).toBeInTheDocument();
    expect(checkTitles()).toEqual([
      'Containers declare a liveness probe',
      'Containers declare a readiness probe',
      'Containers run as a non-root user',
      'A runbook is linked',
    ]);
  });

  it('hides everything but failing checks with "Failing only"', async () => {
    await renderInTestApp(<CheckList rows={rows} docsUrl={docsUrl} />);

    await userEvent.click(screen.getByLabelText('Failing only'));

    expect(checkTitles()).toEqual(['Containers declare a liveness probe']);
    expect(screen.queryByRole('region', { name: 'Operations' })).toBeNull();
  });

  it('says so when nothing fails and only failing checks are shown', async () => {
    const passing = rows.filter(row => row.status !== 'fail');
    await renderInTestApp(<CheckList rows={passing} docsUrl={docsUrl} />);

    await userEvent.click(screen.getByLabelText('Failing only'));

    expect(
      screen.getByText('No check is failing. Nothing to fix right now.'),
    ).toBeInTheDocument();
  });
});
