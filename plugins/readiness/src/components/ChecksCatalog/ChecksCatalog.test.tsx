import { screen, within } from '@testing-library/react';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import type { CheckDefinition } from '@prodready/backstage-plugin-readiness-common';
import { ReadinessApi, readinessApiRef } from '../../api';
import { customDefinitions, definitions } from '../../__testUtils__/fixtures';
import { renderReadiness } from '../../__testUtils__/render';
import { ChecksCatalog } from './ChecksCatalog';

const readinessProbe: CheckDefinition = {
  id: 'readiness-probe',
  category: 'health',
  severity: 'critical',
  target: 'workload',
  title: 'Containers declare a readiness probe',
  rationale: 'Traffic only reaches pods that can serve it.',
  remediation: 'Add a readinessProbe to every container.',
  remediationSnippet: 'readinessProbe:\n  httpGet:\n    path: /ready\n',
  docsAnchor: 'readiness-probe',
};

function renderWith(api: Partial<ReadinessApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[readinessApiRef, api]]}>
      <ChecksCatalog />
    </TestApiProvider>,
  );
}

describe('ChecksCatalog', () => {
  it('lists each check with its severity and rationale', async () => {
    await renderWith({ getChecks: async () => [readinessProbe] });

    expect(
      await screen.findByText('Containers declare a readiness probe'),
    ).toBeInTheDocument();
    expect(screen.getByText('critical')).toBeInTheDocument();
    expect(
      screen.getByText('Traffic only reaches pods that can serve it.'),
    ).toBeInTheDocument();
  });

  it('lists custom checks after the built-in ones, by title, category and docs link', async () => {
    await renderReadiness(<ChecksCatalog />, {
      api: { getChecks: async () => [...definitions, ...customDefinitions] },
    });

    const title = await screen.findByText(
      'Volumes use the encrypted storage class',
    );
    const row = title.closest('tr')!;
    expect(within(row).getByText('encrypted-volumes')).toBeInTheDocument();
    expect(within(row).getByText('Data protection')).toBeInTheDocument();
    expect(within(row).getByText('Custom')).toBeInTheDocument();
    expect(within(row).getByRole('link')).toHaveAttribute(
      'href',
      'https://wiki.acme.example/platform/encrypted-volumes',
    );
    // Without a docsUrl, a custom check's title links nowhere.
    const teamLabel = screen
      .getByText('Pods carry a team label')
      .closest('tr')!;
    expect(within(teamLabel).queryByRole('link')).toBeNull();
    expect(within(teamLabel).getByText('Operations')).toBeInTheDocument();
    // The table keeps the order of /checks: built-in first.
    const ids = screen
      .getAllByRole('row')
      .slice(1)
      .map(r => r.querySelectorAll('td')[1]?.textContent);
    expect(ids).toEqual([
      'readiness-probe',
      'liveness-probe',
      'run-as-non-root',
      'runbook',
      'encrypted-volumes',
      'team-label',
    ]);
  });

  it('explains a failure to load the checks', async () => {
    const response = new Response('{"error":{"message":"boom"}}', {
      status: 503,
      statusText: 'Service Unavailable',
    });
    const error = await ResponseError.fromResponse(response);
    await renderWith({ getChecks: async () => Promise.reject(error) });

    expect(
      await screen.findByText(
        'Error: Request failed with 503 Service Unavailable',
      ),
    ).toBeInTheDocument();
  });
});
