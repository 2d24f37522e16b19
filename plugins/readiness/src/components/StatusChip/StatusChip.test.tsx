import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { StatusChip } from './StatusChip';

describe('StatusChip', () => {
  it.each([
    ['fail', 'Failing'],
    ['pass', 'Passing'],
    ['exempt', 'Exempt'],
    ['error', 'Not evaluated'],
    ['skip', 'Not applicable'],
  ] as const)('labels %s results as %s', async (status, label) => {
    await renderInTestApp(<StatusChip status={status} />);
    expect(screen.getByText(label)).toBeInTheDocument();
  });
});
