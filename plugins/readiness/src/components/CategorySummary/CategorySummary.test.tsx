import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { buildCheckRows, groupByCategory } from '../../model/checkRows';
import { definitions, scorecard } from '../../__testUtils__/fixtures';
import { CategorySummary } from './CategorySummary';

describe('CategorySummary', () => {
  it('gives each category its pass count, failing categories first', async () => {
    const groups = groupByCategory(
      buildCheckRows(scorecard.report, definitions),
    );
    await renderInTestApp(<CategorySummary groups={groups} />);

    const items = screen.getAllByRole('listitem');
    expect(items.map(item => item.getAttribute('aria-label'))).toEqual([
      'Health: 1 of 2 checks passing',
      'Security: 0 of 1 checks passing',
      'Operations: 1 of 1 checks passing',
    ]);
    expect(screen.getByText('1 of 2 passing · 1 failing')).toBeInTheDocument();
  });
});
