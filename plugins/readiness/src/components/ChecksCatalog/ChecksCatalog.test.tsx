import { screen } from '@testing-library/react';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import type { CheckDefinition } from '@prodready/backstage-plugin-readiness-common';
import { ReadinessApi, readinessApiRef } from '../../api';
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
