import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { buildCheckRows } from '../../model/checkRows';
import { definitions, docsLink, scorecard } from '../../__testUtils__/fixtures';
import { CheckAccordion } from './CheckAccordion';

const liveness = buildCheckRows(scorecard.report, definitions).find(
  row => row.id === 'liveness-probe',
)!;

describe('CheckAccordion', () => {
  it('summarises status, severity, title, message and failing share', async () => {
    await renderInTestApp(
      <CheckAccordion row={liveness} docsLink={docsLink} />,
    );

    expect(screen.getByText('Failing')).toBeInTheDocument();
    expect(screen.getByLabelText('Severity: high')).toBeInTheDocument();
    expect(
      screen.getByText('Containers declare a liveness probe'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Some app containers have no livenessProbe.'),
    ).toBeInTheDocument();
    expect(screen.getByText('2 of 2 failing')).toBeInTheDocument();
  });

  it('opens on click to show how to fix the check', async () => {
    await renderInTestApp(
      <CheckAccordion row={liveness} docsLink={docsLink} />,
    );
    expect(screen.queryByText('How to fix it')).not.toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', {
        name: /Containers declare a liveness probe/,
      }),
    );

    expect(await screen.findByText('How to fix it')).toBeInTheDocument();
  });
});
