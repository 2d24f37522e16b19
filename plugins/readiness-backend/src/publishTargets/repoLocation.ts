import { InputError } from '@backstage/errors';

/** A repository location, as the RepoUrlPicker writes it. */
export interface RepoLocation {
  host: string;
  owner: string;
  repo: string;
}

/**
 * Host, owner and repository from `github.com?owner=acme&repo=web`; an
 * InputError naming what is missing otherwise.
 */
export function parseRepoLocation(repoUrl: string): RepoLocation {
  let url: URL;
  try {
    url = new URL(`https://${repoUrl}`);
  } catch {
    throw new InputError(
      `Invalid repoUrl '${repoUrl}': expected <host>?owner=<owner>&repo=<repo>`,
    );
  }
  const owner = url.searchParams.get('owner');
  const repo = url.searchParams.get('repo');
  const missing = [!owner && 'owner', !repo && 'repo'].filter(Boolean);
  if (missing.length > 0 || !owner || !repo) {
    throw new InputError(
      `Invalid repoUrl '${repoUrl}': no ${missing.join(
        ' and ',
      )}; expected <host>?owner=<owner>&repo=<repo>`,
    );
  }
  return { host: url.host, owner, repo };
}
