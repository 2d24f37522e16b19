import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { buildCheckRows } from '../../model/checkRows';
import {
  customDefinitions,
  definitions,
  docsLink,
  scorecard,
  scorecardWithCustomChecks,
} from '../../__testUtils__/fixtures';
import { CheckDetails, snippetLanguage } from './CheckDetails';

const rows = buildCheckRows(scorecardWithCustomChecks.report, [
  ...definitions,
  ...customDefinitions,
]);
const rowOf = (id: string) => rows.find(row => row.id === id)!;

describe('CheckDetails', () => {
  it('shows the remediation with a copyable YAML snippet and the docs link', async () => {
    await renderInTestApp(
      <CheckDetails row={rowOf('liveness-probe')} docsLink={docsLink} />,
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
      <CheckDetails row={rowOf('readiness-probe')} docsLink={docsLink} />,
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
      <CheckDetails row={rowOf('run-as-non-root')} docsLink={docsLink} />,
    );
    expect(screen.getByText('How to fix it')).toBeInTheDocument();
  });

  it("renders a failing custom check's remediation as Markdown, with its docs link", async () => {
    await renderInTestApp(
      <CheckDetails row={rowOf('encrypted-volumes')} docsLink={docsLink} />,
    );

    expect(screen.getByText('How to fix it')).toBeInTheDocument();
    const codeSpan = screen.getByText('storageClassName: encrypted-ssd');
    expect(codeSpan.tagName).toBe('CODE');
    expect(
      screen.getByRole('link', { name: /^the storage guide/ }),
    ).toHaveAttribute('href', 'https://wiki.acme.example/storage');
    expect(
      screen.getByRole('link', {
        name: /^Read more in the check's documentation/,
      }),
    ).toHaveAttribute(
      'href',
      'https://wiki.acme.example/platform/encrypted-volumes',
    );
    // Its rationale is empty, and the check reference knows nothing of it.
    expect(screen.queryByText('Why it matters')).not.toBeInTheDocument();
    expect(screen.queryByText(/check reference/)).not.toBeInTheDocument();
    expect(screen.queryByText(/`/)).not.toBeInTheDocument();
  });

  it('shows only where a custom check failed when it has no remediation or docs', async () => {
    const teamLabel = buildCheckRows(
      {
        ...scorecard.report,
        workloads: [
          {
            ...scorecard.report.workloads[0],
            results: [
              {
                check: 'team-label',
                status: 'fail',
                severity: 'low',
                message: 'Pods have no team label.',
              },
            ],
          },
        ],
        entity: undefined,
      },
      customDefinitions,
    )[0];
    await renderInTestApp(<CheckDetails row={teamLabel} docsLink={docsLink} />);

    expect(screen.getByText('Where it was checked')).toBeInTheDocument();
    expect(screen.queryByText('How to fix it')).not.toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });
});

describe('snippetLanguage', () => {
  it('reads a YAML fragment as YAML and a command as shell', () => {
    expect(snippetLanguage('readinessProbe:\n  httpGet:\n')).toBe('yaml');
    expect(snippetLanguage('- name: web\n  image: web:1\n')).toBe('yaml');
    expect(
      snippetLanguage('# the default class\napiVersion: storage.k8s.io/v1\n'),
    ).toBe('yaml');
    expect(
      snippetLanguage('helm repo add jetstack https://charts.jetstack.io\n'),
    ).toBe('bash');
    expect(
      snippetLanguage('kubectl annotate ingressclass nginx \\\n  x=y'),
    ).toBe('bash');
  });
});
