/**
 * Where the check reference (`docs/checks.md`, one heading per check) lives,
 * worked out from a package's own package.json, so links follow the
 * repository the package was published from rather than a fixed address.
 */

/** The package.json fields the check reference URL is derived from. @public */
export interface PackageSource {
  /** The package name, for the fallback link to its npm page. */
  name: string;
  /** A URL or npm shorthand, or `{ type, url, directory }`. */
  repository?: unknown;
}

/**
 * The web address of a repository from package.json's `repository` field,
 * without `.git`, or undefined when it names no http(s) repository.
 */
function repositoryWebUrl(repository: unknown): string | undefined {
  const raw =
    typeof repository === 'string'
      ? repository
      : (repository as { url?: unknown } | null | undefined)?.url;
  if (typeof raw !== 'string') return undefined;
  let url = raw.trim().replace(/^git\+/, '');
  // npm shorthands: "owner/repo", "github:owner/repo", "gitlab:owner/repo".
  const shorthand = /^(?:(github|gitlab|bitbucket):)?([\w.-]+\/[\w.-]+)$/.exec(
    url,
  );
  if (shorthand) {
    const host = { gitlab: 'gitlab.com', bitbucket: 'bitbucket.org' }[
      shorthand[1] as 'gitlab' | 'bitbucket'
    ];
    url = `https://${host ?? 'github.com'}/${shorthand[2]}`;
  }
  // "git@github.com:owner/repo.git" and "git://" / "ssh://git@" addresses.
  url = url
    .replace(/^git@([^:/]+):/, 'https://$1/')
    .replace(/^(?:git|ssh):\/\/(?:git@)?/, 'https://');
  if (!/^https?:\/\/[^/]+\/\S+/.test(url)) return undefined;
  return url.replace(/\/+$/, '').replace(/\.git$/, '');
}

/**
 * The check reference's URL for a package: `docs/checks.md` on the `main`
 * branch of the package's `repository`, or, when package.json names none,
 * the package's npm page (its README links to the reference).
 * @public
 */
export function checkReferenceUrl(source: PackageSource): string {
  const repository = repositoryWebUrl(source.repository);
  if (repository) return `${repository}/blob/main/docs/checks.md`;
  return `https://www.npmjs.com/package/${source.name}`;
}
