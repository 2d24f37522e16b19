import { LoggerService } from '@backstage/backend-plugin-api';
import { isError, stringifyError } from '@backstage/errors';
import type { PublishTargetAvailability } from '@prodready/backstage-plugin-readiness-common';
import {
  assertValidPublishTargetChecker,
  PublishTargetChecker,
} from '@prodready/backstage-plugin-readiness-node';

/**
 * How long a form waits for a checker. A pre-check must not hold up the
 * user: past this, the name is let through and the publish step decides.
 */
export const CHECK_TIMEOUT_MS = 5_000;

/** The answer is what the route promises, whatever a module returns. */
function isAvailability(value: unknown): value is PublishTargetAvailability {
  const candidate = value as Partial<PublishTargetAvailability> | undefined;
  return (
    typeof candidate?.available === 'boolean' &&
    typeof candidate.checked === 'boolean' &&
    (candidate.reason === undefined || typeof candidate.reason === 'string') &&
    (candidate.available || typeof candidate.reason === 'string')
  );
}

/** The publish-target checkers, one per `publishTo` value. */
export class PublishTargetCheckers {
  readonly #checkers = new Map<string, PublishTargetChecker>();
  readonly #logger: LoggerService;
  readonly #timeoutMs: number;

  constructor(options: { logger: LoggerService; timeoutMs?: number }) {
    this.#logger = options.logger;
    this.#timeoutMs = options.timeoutMs ?? CHECK_TIMEOUT_MS;
  }

  add(checker: PublishTargetChecker): void {
    assertValidPublishTargetChecker(checker);
    if (this.#checkers.has(checker.publishTo)) {
      throw new Error(
        `Readiness publish-target checker for publishTo '${checker.publishTo}' is added twice; add one checker per publishTo value`,
      );
    }
    this.#checkers.set(checker.publishTo, checker);
  }

  /**
   * Asks the checker for `publishTo`. An InputError (a repoUrl the publish
   * step would refuse) is thrown on; any other failure, or no answer in
   * time, lets the value through with the reason.
   */
  async check(
    publishTo: string,
    repoUrl: string,
  ): Promise<PublishTargetAvailability> {
    const checker = this.#checkers.get(publishTo);
    if (!checker) {
      return {
        available: true,
        checked: false,
        reason: `Nothing checks publishTo '${publishTo}' targets in this portal`,
      };
    }
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>(resolve => {
      timer = setTimeout(() => {
        controller.abort();
        resolve('timeout');
      }, this.#timeoutMs);
    });
    try {
      const answer = await Promise.race([
        checker.check(repoUrl, { signal: controller.signal }),
        timedOut,
      ]);
      if (answer === 'timeout') {
        return this.#notChecked(
          publishTo,
          `no answer within ${this.#timeoutMs / 1000} seconds`,
        );
      }
      if (!isAvailability(answer)) {
        throw new TypeError(
          `answered ${JSON.stringify(
            answer,
          )}, not { available, checked, reason }`,
        );
      }
      return answer;
    } catch (error) {
      if (isError(error) && error.name === 'InputError') throw error;
      return this.#notChecked(publishTo, stringifyError(error));
    } finally {
      clearTimeout(timer);
    }
  }

  #notChecked(publishTo: string, why: string): PublishTargetAvailability {
    this.#logger.warn(
      `Readiness publish-target checker '${publishTo}' failed: ${why}`,
    );
    return {
      available: true,
      checked: false,
      reason: `The ${publishTo} target could not be checked: ${why}`,
    };
  }
}
