import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { buildCheckRows } from '../../model/checkRows';
import { definitions, scorecard } from '../../__testUtils__/fixtures';
import { CheckOccurrences } from './CheckOccurrences';

const rows = buildCheckRows(scorecard.report, definitions);
const rowOf = (id: string) => rows.find(row => row.id === id)!;

describe('CheckOccurrences', () => {
  it('names each failing workload, container and field path', async () => {
    await renderInTestApp(
      <CheckOccurrences occurrences={rowOf('liveness-probe').occurrences} />,
    );

    expect(
      screen.getByText('Deployment notifications/notification-api'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Deployment notifications/notification-worker'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('cluster acme-prod')).toHaveLength(2);
    expect(
      screen.getByText('spec.template.spec.containers[1].livenessProbe'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Container sidecar:/)).toBeInTheDocument();
    expect(screen.getByText(/Container worker:/)).toBeInTheDocument();
  });

  it('shows an exemption with its reason and expiry', async () => {
    await renderInTestApp(
      <CheckOccurrences occurrences={rowOf('run-as-non-root').occurrences} />,
    );

    expect(
      screen.getByText(
        'Exempt: Vendor image runs as root; replacement in INV-212 (until 2027-03-31, declared on the workload)',
      ),
    ).toBeInTheDocument();
  });

  it('names the configuration entry of an exemption declared there', async () => {
    const [occurrence] = rowOf('liveness-probe').occurrences;
    await renderInTestApp(
      <CheckOccurrences
        occurrences={[
          {
            ...occurrence,
            result: {
              ...occurrence.result,
              status: 'exempt',
              exemption: {
                reason: 'third-party chart',
                source: 'config',
                configKey: 'exemptions[3]',
              },
            },
          },
        ]}
      />,
    );
    expect(
      screen.getByText(
        'Exempt: third-party chart (no expiry, declared on the portal configuration, exemptions[3])',
      ),
    ).toBeInTheDocument();
  });

  it('says why an exemption was ignored', async () => {
    const [occurrence] = rowOf('liveness-probe').occurrences;
    await renderInTestApp(
      <CheckOccurrences
        occurrences={[
          {
            ...occurrence,
            result: {
              ...occurrence.result,
              exemptionIgnored: 'it expired on 2026-01-31',
            },
          },
        ]}
      />,
    );
    expect(
      screen.getByText('An exemption was ignored: it expired on 2026-01-31'),
    ).toBeInTheDocument();
  });

  it('names the catalog entity for entity-level checks', async () => {
    await renderInTestApp(
      <CheckOccurrences occurrences={rowOf('runbook').occurrences} />,
    );
    expect(screen.getByText('Catalog entity')).toBeInTheDocument();
  });
});
