import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { LevelChip } from './LevelChip';

describe('LevelChip', () => {
  it('names the level in words, not only in colour', async () => {
    await renderInTestApp(<LevelChip level="silver" />);
    expect(screen.getByText('Silver')).toBeInTheDocument();
    expect(screen.getByLabelText('Level: Silver')).toBeInTheDocument();
  });

  it('says "No level" below bronze', async () => {
    await renderInTestApp(<LevelChip level="none" />);
    expect(screen.getByText('No level')).toBeInTheDocument();
  });
});
