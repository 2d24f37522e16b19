import { mockServices } from '@backstage/backend-test-utils';
import type { PublishTargetChecker } from '@prodready/backstage-plugin-readiness-node';
import { PublishTargetCheckers } from './PublishTargetCheckers';

const REPO = 'github.com?owner=acme&repo=web';

function checkers(...added: PublishTargetChecker[]) {
  const registry = new PublishTargetCheckers({
    logger: mockServices.logger.mock(),
    timeoutMs: 50,
  });
  added.forEach(checker => registry.add(checker));
  return registry;
}

describe('PublishTargetCheckers', () => {
  it('refuses a second checker for the same publishTo at start-up', () => {
    const check = async () => ({ available: true, checked: true });
    expect(() =>
      checkers({ publishTo: 'local', check }, { publishTo: 'local', check }),
    ).toThrow(
      "Readiness publish-target checker for publishTo 'local' is added twice",
    );
  });

  it('lets the name through when a checker does not answer in time, and stops it', async () => {
    let aborted = false;
    const registry = checkers({
      publishTo: 'local',
      check: (_repoUrl, { signal }) =>
        new Promise(() => {
          signal?.addEventListener('abort', () => {
            aborted = true;
          });
        }),
    });
    expect(await registry.check('local', REPO)).toEqual({
      available: true,
      checked: false,
      reason:
        'The local target could not be checked: no answer within 0.05 seconds',
    });
    expect(aborted).toBe(true);
  });

  it('does not pass on an answer that breaks the contract', async () => {
    const registry = checkers({
      publishTo: 'local',
      // Refusing without saying why would leave the user guessing.
      check: async () => ({ available: false, checked: true }),
    });
    const answer = await registry.check('local', REPO);
    expect(answer).toMatchObject({ available: true, checked: false });
    expect(answer.reason).toContain(
      'answered {"available":false,"checked":true}, not { available, checked, reason }',
    );
  });
});
