import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { SeverityChip } from './SeverityChip';

describe('SeverityChip', () => {
  it('shows the severity', async () => {
    await renderInTestApp(<SeverityChip severity="critical" />);
    expect(screen.getByLabelText('Severity: critical')).toHaveTextContent(
      'critical',
    );
  });
});
