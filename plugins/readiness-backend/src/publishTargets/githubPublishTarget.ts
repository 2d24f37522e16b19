import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import {
  GithubCredentials,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import type { PublishTargetAvailability } from '@prodready/backstage-plugin-readiness-common';
import type { PublishTargetChecker } from '@prodready/backstage-plugin-readiness-node';
import { parseRepoLocation } from './repoLocation';

/**
 * Owner and repository names GitHub accepts as they are. Anything else is
 * not sent to the API: it could reach another endpoint with the portal's
 * token (`..`), and GitHub renames such a repository on creation anyway.
 */
const GITHUB_NAME = /^[A-Za-z0-9_.-]+$/;

function isGithubName(name: string): boolean {
  return GITHUB_NAME.test(name) && name !== '.' && name !== '..';
}

/** GitHub's own words for a failure, when its body has them. */
async function githubMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: unknown };
    if (typeof body.message === 'string') return `: ${body.message}`;
  } catch {
    // Not JSON: the status says enough.
  }
  return '';
}

/** fetch() says "fetch failed"; the cause says why (refused, DNS...). */
function whyUnreachable(error: unknown): string {
  if ((error as Error)?.name === 'AbortError') return 'no answer in time';
  const cause = (error as { cause?: unknown })?.cause;
  return cause
    ? `${stringifyError(error)}: ${stringifyError(cause)}`
    : stringifyError(error);
}

function notChecked(reason: string): PublishTargetAvailability {
  return { available: true, checked: false, reason };
}

/**
 * Looks up the repository `publish:github` would create, with the
 * integration's credentials (token or GitHub App) for its host:
 * `GET /repos/{owner}/{repo}` answers 404 while the name is free. Whatever
 * keeps it from finding out (no integration for the host, GitHub
 * unreachable, rate limits, refused credentials) lets the name through.
 */
export function createGithubPublishTargetChecker(options: {
  integrations: ScmIntegrationRegistry;
  credentials: GithubCredentialsProvider;
  logger: LoggerService;
}): PublishTargetChecker {
  const { integrations, credentials, logger } = options;
  return {
    publishTo: 'github',
    async check(repoUrl, { signal }) {
      const { host, owner, repo } = parseRepoLocation(repoUrl);
      const location = `${host}/${owner}/${repo}`;
      const integration = integrations.github.byHost(host);
      if (!integration) {
        return notChecked(
          `${host} is not a GitHub host of this portal (integrations.github), so ${location} was not checked`,
        );
      }
      if (!isGithubName(owner) || !isGithubName(repo)) {
        return notChecked(
          `${location} was not checked: GitHub names use letters, digits, '.', '_' and '-' only`,
        );
      }

      let auth: GithubCredentials;
      try {
        auth = await credentials.getCredentials({
          url: `https://${host}/${owner}/${repo}`,
        });
      } catch (error) {
        logger.warn(
          `Could not get GitHub credentials for ${location}: ${stringifyError(
            error,
          )}`,
        );
        return notChecked(
          `${location} was not checked: the portal could not get GitHub credentials for ${host}/${owner}`,
        );
      }

      const { apiBaseUrl } = integration.config;
      let response: Response;
      try {
        response = await fetch(
          `${apiBaseUrl}/repos/${encodeURIComponent(
            owner,
          )}/${encodeURIComponent(repo)}`,
          {
            headers: {
              Accept: 'application/vnd.github+json',
              ...auth.headers,
            },
            signal,
          },
        );
      } catch (error) {
        return notChecked(
          `${location} was not checked: GitHub (${apiBaseUrl}) could not be reached (${whyUnreachable(
            error,
          )})`,
        );
      }

      if (response.status === 404) {
        await response.body?.cancel();
        if (!auth.token) {
          return notChecked(
            `${location} is not a public repository; the portal has no GitHub credentials for ${host}, so a private one could not be seen`,
          );
        }
        return { available: true, checked: true };
      }
      if (response.status !== 200) {
        return notChecked(
          `${location} was not checked: GitHub answered ${
            response.status
          }${await githubMessage(response)}`,
        );
      }
      const { full_name: fullName } = (await response.json()) as {
        full_name?: string;
      };
      // GitHub follows renames and transfers: the old name is free again.
      if (fullName?.toLowerCase() !== `${owner}/${repo}`.toLowerCase()) {
        return {
          available: true,
          checked: true,
          reason: `${location} was renamed or moved to ${host}/${fullName}; its old name can be used again, and links to the old name will then stop leading there`,
        };
      }
      return {
        available: false,
        checked: true,
        reason: `${host}/${fullName} already exists; choose another repository name`,
      };
    },
  };
}
