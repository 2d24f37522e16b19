import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import {
  customDefinitions,
  definitions,
  drift,
  entity,
  entityWithoutWorkloads,
  scorecard,
  scorecardWithCustomChecks,
} from '../../__testUtils__/fixtures';
import { renderReadiness } from '../../__testUtils__/render';
import { EntityReadinessContent } from './EntityReadinessContent';

// The repository this plugin's package.json names, where links default to.
const ownPackage = JSON.parse(
  readFileSync(resolvePath(__dirname, '../../../package.json'), 'utf8'),
);
const ownRepository: string =
  typeof ownPackage.repository === 'string'
    ? ownPackage.repository
    : ownPackage.repository.url;

describe('EntityReadinessContent', () => {
  it('shows the score, level, verdict and the failing check first', async () => {
    await renderReadiness(<EntityReadinessContent />, { entity });

    expect(await screen.findByLabelText('Score 78 of 100')).toHaveTextContent(
      '78',
    );
    // In the summary, and again for the bronze workload.
    expect(screen.getAllByLabelText('Level: Bronze')[0]).toBeInTheDocument();
    expect(screen.getByText('Not production ready')).toBeInTheDocument();

    const checks = screen.getAllByRole('heading', { level: 4 });
    expect(checks[0]).toHaveTextContent('Containers declare a liveness probe');
    expect(screen.getByRole('region', { name: 'Health' })).toBeInTheDocument();
  });

  it('shows where the failing check fails and how to fix it, with a copy button', async () => {
    await renderReadiness(<EntityReadinessContent />, { entity });

    await userEvent.click(
      await screen.findByRole('button', {
        name: /Containers declare a liveness probe/,
      }),
    );

    const details = await screen.findByRole('region', {
      name: /Containers declare a liveness probe/,
    });
    expect(
      within(details).getByText(
        'spec.template.spec.containers[0].livenessProbe',
      ),
    ).toBeInTheDocument();
    expect(
      within(details).getByText('Add a livenessProbe to every app container.'),
    ).toBeInTheDocument();
    expect(
      await within(details).findByRole('button', { name: 'Copy text' }),
    ).toBeInTheDocument();
    expect(
      within(details).getByRole('link', { name: /check reference/ }),
    ).toHaveAttribute(
      'href',
      `${ownRepository.replace(
        /\.git$/,
        '',
      )}/blob/main/docs/checks.md#liveness-probe`,
    );
  });

  it('links the docs under readiness.docsBaseUrl when it is configured', async () => {
    await renderReadiness(<EntityReadinessContent />, {
      entity,
      config: {
        readiness: { docsBaseUrl: 'https://backstage.acme/docs/readiness' },
      },
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: /Containers declare a liveness probe/,
      }),
    );
    expect(
      await screen.findByRole('link', {
        name: /Read more in the check reference/,
      }),
    ).toHaveAttribute(
      'href',
      'https://backstage.acme/docs/readiness#liveness-probe',
    );
  });

  it('shows a failing custom check in its own category, with its Markdown remediation and docs', async () => {
    await renderReadiness(<EntityReadinessContent />, {
      entity,
      api: {
        getScorecard: async () => scorecardWithCustomChecks,
        getChecks: async () => [...definitions, ...customDefinitions],
      },
    });

    const group = await screen.findByRole('region', {
      name: 'Data protection',
    });
    // Also summarised with the built-in categories.
    expect(
      screen.getByLabelText('Data protection: 0 of 1 checks passing'),
    ).toBeInTheDocument();
    await userEvent.click(
      within(group).getByRole('button', {
        name: /Volumes use the encrypted storage class/,
      }),
    );

    const details = await screen.findByRole('region', {
      name: /Volumes use the encrypted storage class/,
    });
    expect(
      within(details).getByText('storageClassName: encrypted-ssd').tagName,
    ).toBe('CODE');
    expect(
      within(details).getByRole('link', { name: /^the storage guide/ }),
    ).toHaveAttribute('href', 'https://wiki.acme.example/storage');
    expect(
      within(details).getByRole('link', {
        name: /^Read more in the check's documentation/,
      }),
    ).toHaveAttribute(
      'href',
      'https://wiki.acme.example/platform/encrypted-volumes',
    );
  });

  describe('drift from Git', () => {
    it('lists each drifting workload with the differences in the words of the backend', async () => {
      await renderReadiness(<EntityReadinessContent />, {
        entity,
        api: { getScorecard: async () => ({ ...scorecard, drift }) },
      });

      const section = await screen.findByRole('region', {
        name: 'Drift from Git',
      });
      expect(
        within(section).getByText(
          'live Deployment notification-api runs 1 replica, Git says 3',
        ),
      ).toBeInTheDocument();
      expect(
        within(section).getByText('running, not in Git'),
      ).toBeInTheDocument();
      expect(
        screen.queryByText('The cluster matches Git.'),
      ).not.toBeInTheDocument();
      // Before the checks, so it is seen without scrolling through them.
      const checks = screen.getByText('Checks');
      expect(
        section.compareDocumentPosition(checks) &
          Node.DOCUMENT_POSITION_FOLLOWING,
      ).toBeTruthy();
    });

    it('says quietly that the cluster matches Git when they were compared and agree', async () => {
      await renderReadiness(<EntityReadinessContent />, {
        entity,
        api: { getScorecard: async () => ({ ...scorecard, drift: [] }) },
      });

      expect(
        await screen.findByText('The cluster matches Git.'),
      ).toBeInTheDocument();
      expect(screen.queryByText('Drift from Git')).not.toBeInTheDocument();
    });

    it('says nothing about drift when Git and a cluster were not both read', async () => {
      await renderReadiness(<EntityReadinessContent />, { entity });

      expect(
        await screen.findByLabelText('Score 78 of 100'),
      ).toBeInTheDocument();
      expect(screen.queryByText('Drift from Git')).not.toBeInTheDocument();
      expect(
        screen.queryByText('The cluster matches Git.'),
      ).not.toBeInTheDocument();
    });
  });

  it('lists the workloads', async () => {
    await renderReadiness(<EntityReadinessContent />, { entity });
    expect(await screen.findByText('notification-worker')).toBeInTheDocument();
  });

  it('offers "Evaluate now" when there is no scorecard, then shows it', async () => {
    const getScorecard = jest.fn(async () => undefined);
    const refreshScorecard = jest.fn(async () => scorecard);
    await renderReadiness(<EntityReadinessContent />, {
      entity,
      api: { getScorecard, refreshScorecard },
    });

    expect(await screen.findByText('Not evaluated yet')).toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Evaluate now' }),
    );

    expect(await screen.findByLabelText('Score 78 of 100')).toBeInTheDocument();
    expect(refreshScorecard).toHaveBeenCalledWith(
      'component:default/notification-service',
    );
  });

  it('shows the scorecard of an entity without workloads and says what is missing', async () => {
    await renderReadiness(<EntityReadinessContent />, {
      entity: entityWithoutWorkloads,
      api: {
        getScorecard: async () => ({
          ...scorecard,
          entityRef: 'component:default/customer-portal',
        }),
      },
    });

    expect(
      await screen.findByText(
        'No Kubernetes workloads are linked to this entity',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Score 78 of 100')).toBeInTheDocument();
  });

  it('asks for the annotation when there is neither annotation nor scorecard', async () => {
    await renderReadiness(<EntityReadinessContent />, {
      entity: entityWithoutWorkloads,
      api: { getScorecard: async () => undefined },
    });

    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(
      screen.getByText(/catalog-level checks .* need no annotation/),
    ).toBeInTheDocument();
  });

  it('explains a failure to load the scorecard', async () => {
    const error = await ResponseError.fromResponse(
      new Response('{"error":{"name":"Error","message":"database down"}}', {
        status: 500,
        statusText: 'Internal Server Error',
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    await renderReadiness(<EntityReadinessContent />, {
      entity,
      api: { getScorecard: () => Promise.reject(error) },
    });

    expect(
      await screen.findByText(
        'Error: Request failed with 500 Internal Server Error',
      ),
    ).toBeInTheDocument();
  });
});
