import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { PublishTargetAvailability } from '@prodready/backstage-plugin-readiness-common';

/**
 * Looks, while a template's form is filled in, whether the repository the
 * template will publish already exists where it will be published, so the
 * form can refuse the name before the run.
 *
 * @public
 */
export interface PublishTargetChecker {
  /**
   * The value of the template's `publishTo` parameter this checker answers
   * for, e.g. `local`. The readiness backend answers `github` itself.
   */
  readonly publishTo: string;
  /**
   * Looks at `repoUrl`, a repository location as the RepoUrlPicker writes it
   * (`github.com?owner=acme&repo=web`). Answer `available: false` only when
   * sure the publish step would fail, with a `reason` that says what exists
   * and what to do; `checked: false` when the target could not be looked
   * at. Throw an error named `InputError` for a `repoUrl` the publish step
   * would refuse: the form shows its message. Any other error counts as
   * "could not check", and the form lets the value through.
   */
  check(
    repoUrl: string,
    options: { signal?: AbortSignal },
  ): Promise<PublishTargetAvailability>;
}

/**
 * Lets backend modules check the publish targets of their own publish
 * actions, such as a `publish:local` that writes to a folder.
 *
 * @public
 */
export interface ReadinessPublishTargetsExtensionPoint {
  /** One checker per `publishTo` value; a second one stops the backend at start-up. */
  addPublishTargetChecker(...checkers: PublishTargetChecker[]): void;
}

/**
 * Extension point for publish-target checkers.
 *
 * @public
 */
export const readinessPublishTargetsExtensionPoint =
  createExtensionPoint<ReadinessPublishTargetsExtensionPoint>({
    id: 'readiness.publish-targets',
  });

const PUBLISH_TO_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/**
 * Checks what a module hands over before the plugin relies on it, so a
 * broken module fails at start-up with a message naming it.
 *
 * @public
 */
export function assertValidPublishTargetChecker(
  checker: unknown,
): asserts checker is PublishTargetChecker {
  const candidate = checker as Partial<PublishTargetChecker> | undefined;
  if (
    typeof candidate?.publishTo !== 'string' ||
    !PUBLISH_TO_PATTERN.test(candidate.publishTo)
  ) {
    throw new TypeError(
      `Invalid readiness publish-target checker publishTo ${JSON.stringify(
        candidate?.publishTo,
      )}: use the template's publishTo value, letters, digits and . _ - (at most 63 characters)`,
    );
  }
  if (typeof candidate.check !== 'function') {
    throw new TypeError(
      `Readiness publish-target checker '${candidate.publishTo}' has no check() function`,
    );
  }
}
