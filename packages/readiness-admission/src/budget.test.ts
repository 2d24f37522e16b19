/**
 * The time budget: an evaluation that takes too long is answered at the
 * budget, as `onTimeout` says, and the webhook goes on judging.
 */
import type { KubeObject } from '@prodready/backstage-plugin-readiness-common';
import { eventually, Harness, startHarness } from './__testUtils__/harness';
import {
  admissionReview,
  namespaceObject,
  typicalDeployment,
  typicalRelatedObjects,
} from './__testUtils__/fixtures';

jest.setTimeout(60_000);

const BUDGET_MS = 400;
/** TLS, the request and the response around the server's own budget, on a shared machine. */
const MARGIN_MS = 400;
const SERVICES = 5000;

/**
 * A custom check that compares every Service selecting the workload with
 * every other: quadratic in a namespace of thousands of Services, so
 * seconds of work.
 */
const SLOW_APP_CONFIG = `
readiness:
  customChecks:
    - id: distinct-service-ports
      title: No two Services of a workload share a name prefix and port
      category: network
      severity: low
      scope: workload
      rule: >-
        related.services.all(s, related.services.all(t, s.metadata.name == t.metadata.name ||
        !(s.metadata.name.startsWith(t.metadata.name) && s.spec.ports[0].port == t.spec.ports[0].port)))
      message: Two Services share a name prefix and a port.
`;

function crowdedNamespace(): KubeObject[] {
  const services: KubeObject[] = [];
  for (let i = 0; i < SERVICES; i++) {
    services.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `web-${i}`, namespace: 'crowded' },
      spec: {
        selector: { 'app.kubernetes.io/name': 'web' },
        ports: [{ name: 'http', port: 10000 + i }],
      },
    });
  }
  return [
    namespaceObject('crowded', { 'prodready.dev/enforce': 'silver' }),
    namespaceObject('shop', { 'prodready.dev/enforce': 'silver' }),
    ...typicalRelatedObjects('shop', 'web'),
    ...services,
  ];
}

const NOT_JUDGED = 'Deployment crowded/web not judged within the time budget';

describe.each([
  {
    onTimeout: 'allow' as const,
    expected: {
      allowed: true,
      warnings: [
        `readiness admission: ${NOT_JUDGED}; admitted (onTimeout: allow)`,
      ],
    },
  },
  {
    onTimeout: 'deny' as const,
    expected: {
      allowed: false,
      status: {
        code: 503,
        message: expect.stringContaining(
          `${NOT_JUDGED}; denied (onTimeout: deny)`,
        ),
      },
    },
  },
])(
  'a slow evaluation with onTimeout: $onTimeout',
  ({ onTimeout, expected }) => {
    let harness: Harness;

    beforeAll(async () => {
      harness = await startHarness({
        appConfig: SLOW_APP_CONFIG,
        objects: crowdedNamespace(),
        budgetMs: BUDGET_MS,
        onTimeout,
        workers: 1,
      });
    }, 120_000);

    afterAll(async () => {
      await harness?.close();
    });

    it('is answered within the budget, and the webhook judges the next workload', async () => {
      const review = admissionReview(typicalDeployment('crowded', 'web'));
      const response = await harness.review(review);
      expect(response.ms).toBeLessThan(BUDGET_MS + MARGIN_MS);
      expect(response.uid).toBe(review.request!.uid);
      expect(response).toMatchObject(expected);
      expect(harness.logs).toContainEqual(
        expect.objectContaining({
          msg: 'workload not judged',
          outcome: 'timeout',
          uid: review.request!.uid,
        }),
      );

      // The busy worker was replaced: a small namespace is judged again.
      const next = await eventually(
        () => harness.review(admissionReview(typicalDeployment('shop', 'web'))),
        answer => answer.allowed && answer.warnings === undefined,
        30_000,
      );
      expect(next).toMatchObject({ allowed: true });
      expect(next.warnings).toBeUndefined();
    });
  },
);
