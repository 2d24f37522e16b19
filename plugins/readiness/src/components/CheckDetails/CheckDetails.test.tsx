import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { buildCheckRows } from '../../model/checkRows';
import { definitions, scorecard } from '../../__testUtils__/fixtures';
import { CheckDetails } from './CheckDetails';

const docsUrl = (anchor: string) => `https://docs.example/checks#${anchor}`;
const rows = buildCheckRows(scorecard.report, definitions);
const rowOf = (id: string) => rows.find(row => row.id === id)!;

describe('CheckDetails', () => {
  it('shows the remediation with a copyable YAML snippet and the docs link', async () => {
    await renderInTestApp(
      <CheckDetails row={rowOf('liveness-probe')} docsUrl={docsUrl} />,
    );

    expect(
      screen.getByText('Add a livenessProbe to every app container.'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Copy text' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/livenessProbe:/)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Read more in the check reference/ }),
    ).toHaveAttribute('href', 'https://docs.example/checks#liveness-probe');
    expect(
      screen.getByText('A stuck process is restarted.'),
    ).toBeInTheDocument();
  });

  it('needs no fix for a passing check, but links its docs', async () => {
    await renderInTestApp(
      <CheckDetails row={rowOf('readiness-probe')} docsUrl={docsUrl} />,
    );

    expect(screen.queryByText('How to fix it')).not.toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: /About this check in the check reference/,
      }),
    ).toHaveAttribute('href', 'https://docs.example/checks#readiness-probe');
  });

  it('keeps the fix of an exempt check, for when the exemption ends', async () => {
    await renderInTestApp(
      <CheckDetails row={rowOf('run-as-non-root')} docsUrl={docsUrl} />,
    );
    expect(screen.getByText('How to fix it')).toBeInTheDocument();
  });
});
