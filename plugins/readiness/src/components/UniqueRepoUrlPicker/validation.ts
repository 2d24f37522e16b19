import { ResponseError } from '@backstage/errors';
import { scmIntegrationsApiRef } from '@backstage/integration-react';
import { repoPickerValidation } from '@backstage/plugin-scaffolder';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { readinessApiRef } from '../../api';

const BAD_REQUEST = 400;

type ValidatorContext = Parameters<CustomFieldValidator<string>>[2];

/**
 * Where the template publishes: its `publishTo` parameter on the same page,
 * or, without one, GitHub when the location is on a GitHub host.
 */
function publishTargetOf(
  repoUrl: string,
  context: ValidatorContext,
): string | undefined {
  const publishTo = (context.formData as { publishTo?: unknown } | undefined)
    ?.publishTo;
  if (typeof publishTo === 'string' && publishTo) return publishTo;
  const host = new URL(`https://${repoUrl}`).host;
  const integrations = context.apiHolder.get(scmIntegrationsApiRef);
  return integrations?.byHost(host)?.type === 'github' ? 'github' : undefined;
}

/**
 * The RepoUrlPicker's own checks, then whether the repository already
 * exists where the template will publish it (asked of the readiness
 * backend), so a taken name is refused in the form, not by the publish step.
 * A target that cannot be looked at (host unreachable, backend down) lets
 * the name through: the publish step still has the last word.
 */
export const validateUniqueRepoUrl: CustomFieldValidator<string> = async (
  repoUrl,
  validation,
  context,
) => {
  if (!repoUrl) return; // "required" is the schema's business.
  repoPickerValidation(repoUrl, validation, context);
  if ((validation.__errors?.length ?? 0) > 0) return;

  const publishTo = publishTargetOf(repoUrl, context);
  if (!publishTo) return;
  const readinessApi = context.apiHolder.get(readinessApiRef);
  if (!readinessApi) {
    throw new Error(
      'Cannot check the repository location: the readiness API is not available in this app',
    );
  }

  let answer;
  try {
    answer = await readinessApi.getPublishTargetAvailability({
      repoUrl,
      publishTo,
    });
  } catch (error) {
    // The backend refused the location itself: the publish step would too.
    if (
      error instanceof ResponseError &&
      error.statusCode === BAD_REQUEST &&
      error.cause.message
    ) {
      validation.addError(error.cause.message);
    }
    return;
  }
  if (!answer.available) {
    validation.addError(
      answer.reason ??
        'This repository already exists; choose another repository name',
    );
  }
};
