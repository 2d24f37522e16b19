import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { categoryOrder } from '../../model/categories';
import { buildCheckRows, groupByCategory } from '../../model/checkRows';
import {
  customDefinitions,
  definitions,
  docsLink,
  scorecard,
  scorecardWithCustomChecks,
} from '../../__testUtils__/fixtures';
import { CheckList } from './CheckList';

const groups = groupByCategory(buildCheckRows(scorecard.report, definitions));

function checkTitles() {
  return screen
    .getAllByRole('heading', { level: 4 })
    .map(heading => heading.textContent);
}

describe('CheckList', () => {
  it('groups checks by category with the failing category and check first', async () => {
    await renderInTestApp(<CheckList groups={groups} docsLink={docsLink} />);

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

  it('shows a custom check with a new category in a group of its own, by title', async () => {
    const all = [...definitions, ...customDefinitions];
    const customGroups = groupByCategory(
      buildCheckRows(scorecardWithCustomChecks.report, all),
      categoryOrder(all),
    );
    await renderInTestApp(
      <CheckList groups={customGroups} docsLink={docsLink} />,
    );

    const dataProtection = screen.getByRole('region', {
      name: 'Data protection',
    });
    expect(
      within(dataProtection).getByRole('heading', { level: 3 }),
    ).toHaveTextContent('Data protection');
    expect(
      within(dataProtection).getByRole('heading', { level: 4 }),
    ).toHaveTextContent('Volumes use the encrypted storage class');
    expect(
      within(dataProtection).getByText('0 of 1 passing'),
    ).toBeInTheDocument();
    // A custom check in a built-in category joins that category.
    expect(
      within(screen.getByRole('region', { name: 'Operations' })).getByText(
        'Pods carry a team label',
      ),
    ).toBeInTheDocument();
  });

  it('hides everything but failing checks with "Failing only"', async () => {
    await renderInTestApp(<CheckList groups={groups} docsLink={docsLink} />);

    await userEvent.click(screen.getByLabelText('Failing only'));

    expect(checkTitles()).toEqual(['Containers declare a liveness probe']);
    expect(screen.queryByRole('region', { name: 'Operations' })).toBeNull();
  });

  it('says so when nothing fails and only failing checks are shown', async () => {
    const passing = groupByCategory(
      buildCheckRows(scorecard.report, definitions).filter(
        row => row.status !== 'fail',
      ),
    );
    await renderInTestApp(<CheckList groups={passing} docsLink={docsLink} />);

    await userEvent.click(screen.getByLabelText('Failing only'));

    expect(
      screen.getByText('No check is failing. Nothing to fix right now.'),
    ).toBeInTheDocument();
  });
});
