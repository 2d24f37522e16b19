import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import path from 'node:path';

/** A GitHub owner or repository name: no separators, no dot segments. */
const NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * Owner and repository from a repository location as the RepoUrlPicker
 * writes it (`github.com?owner=acme&repo=web`).
 */
export function parseLocalRepoUrl(repoUrl: string): {
  owner: string;
  repo: string;
} {
  let url: URL;
  try {
    url = new URL(`https://${repoUrl}`);
  } catch {
    throw new InputError(
      `Invalid repoUrl '${repoUrl}': expected <host>?owner=<owner>&repo=<repo>`,
    );
  }
  const owner = url.searchParams.get('owner') ?? '';
  const repo = url.searchParams.get('repo') ?? '';
  for (const [key, value] of [
    ['owner', owner],
    ['repo', repo],
  ]) {
    if (!NAME.test(value) || value === '.' || value === '..') {
      throw new InputError(
        `Invalid repoUrl '${repoUrl}': ${key} must be a name of letters, digits, '.', '_' or '-'`,
      );
    }
  }
  return { owner, repo };
}

/** Where `publish:local` writes a repository, and what it is called. */
export interface LocalRepository {
  owner: string;
  repo: string;
  /** `<root>/<owner>/<repo>`, never outside `root`. */
  folder: string;
}

/**
 * The folder of the repository at `repoUrl` inside the local publishing
 * folder `root`. Both `publish:local` and the form's check use it, so they
 * agree on which folder a name takes.
 */
export function localRepository(
  root: string,
  repoUrl: string,
): LocalRepository {
  const { owner, repo } = parseLocalRepoUrl(repoUrl);
  const folder = resolveSafeChildPath(root, path.join(owner, repo));
  return { owner, repo, folder };
}

/** Why a name cannot be published again, and what to do instead. */
export function alreadyPublishedMessage({
  owner,
  repo,
  folder,
}: LocalRepository): string {
  return `${owner}/${repo} already exists in the local folder (${folder}); choose another repository name, or delete that folder first`;
}
