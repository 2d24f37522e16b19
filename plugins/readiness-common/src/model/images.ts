/**
 * Container image references, parsed the way the Docker/OCI reference
 * grammar does: `[registry/]path[:tag][@digest]`, where the first segment is
 * a registry only if it looks like a host (has a dot or a port, or is
 * `localhost`). Everything else lives on Docker Hub, where a one-segment
 * name is an official image: `nginx` is `docker.io/library/nginx`.
 */

/** A parsed image reference. @public */
export interface ImageReference {
  /** Registry host, normalised: Docker Hub is `docker.io`. */
  registry: string;
  /**
   * Repository path without registry, tag or digest; Docker Hub's official
   * images are under `library/` (`nginx` → `library/nginx`).
   */
  repository: string;
  tag?: string;
  digest?: string;
}

const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_ALIASES: ReadonlySet<string> = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
  'registry.hub.docker.com',
]);

const SCHEME = /^https?:\/\//;
const TRAILING_SLASHES = /\/+$/;

function looksLikeRegistry(segment: string): boolean {
  return (
    segment.includes('.') || segment.includes(':') || segment === 'localhost'
  );
}

/**
 * Parses an image reference. Returns undefined for an empty reference.
 * @public
 */
export function parseImageReference(image: string): ImageReference | undefined {
  let rest = image.trim();
  if (!rest) return undefined;

  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1) || undefined;
    rest = rest.slice(0, at);
  }

  let registry = DOCKER_HUB;
  const slash = rest.indexOf('/');
  if (slash > 0 && looksLikeRegistry(rest.slice(0, slash))) {
    registry = rest.slice(0, slash);
    rest = rest.slice(slash + 1);
  }
  registry = normalizeRegistry(registry);

  // A tag can only follow the last path segment; a colon earlier belongs to
  // a registry port, which has already been removed.
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1) || undefined;
    rest = rest.slice(0, colon);
  }
  if (registry === DOCKER_HUB && !rest.includes('/')) {
    rest = `library/${rest}`;
  }
  return { registry, repository: rest, tag, digest };
}

/**
 * A registry host as compared against `allowedRegistries`: lower case, no
 * scheme or trailing slash, Docker Hub's aliases folded into `docker.io`.
 * @public
 */
export function normalizeRegistry(registry: string): string {
  let host = registry.trim().toLowerCase();
  host = host.replace(SCHEME, '').replace(TRAILING_SLASHES, '');
  return DOCKER_HUB_ALIASES.has(host) ? DOCKER_HUB : host;
}

/** An `allowedRegistries` entry: a registry host, and maybe a path prefix. */
export interface RegistryEntry {
  host: string;
  /** Repository path prefix, matched on whole segments; '' for any. */
  pathPrefix: string;
}

/**
 * Reads an `allowedRegistries` entry: `ghcr.io` (a host), `ghcr.io/acme`
 * (a host and path prefix), `https://index.docker.io/` (Docker Hub). The
 * first segment is always the host, since an entry names a registry.
 */
export function parseRegistryEntry(entry: string): RegistryEntry {
  const text = entry
    .trim()
    .toLowerCase()
    .replace(SCHEME, '')
    .replace(TRAILING_SLASHES, '');
  const slash = text.indexOf('/');
  const host = normalizeRegistry(slash < 0 ? text : text.slice(0, slash));
  const pathPrefix = slash < 0 ? '' : text.slice(slash + 1);
  return { host, pathPrefix };
}

/**
 * True when an image is under an entry: same registry host, and a
 * repository equal to the path prefix or below it on a segment boundary
 * (`ghcr.io/acme` allows `ghcr.io/acme/web`, not `ghcr.io/acmecorp/web`).
 */
export function imageMatchesEntry(
  image: ImageReference,
  entry: RegistryEntry,
): boolean {
  if (image.registry !== entry.host) return false;
  if (!entry.pathPrefix) return true;
  const repository = image.repository.toLowerCase();
  return (
    repository === entry.pathPrefix ||
    (repository.startsWith(entry.pathPrefix) &&
      repository.charCodeAt(entry.pathPrefix.length) === 47) /* / */
  );
}

/** How an image reference is pinned. @public */
export type ImagePinning = 'digest' | 'tag' | 'latest' | 'untagged' | 'empty';

/**
 * Classifies how an image is pinned without building a parsed reference
 * (this runs for every container of every workload).
 * @public
 */
export function imagePinning(image: string): ImagePinning {
  const at = image.indexOf('@');
  if (at >= 0 && image.startsWith('sha256:', at + 1)) return 'digest';
  const end = at >= 0 ? at : image.length;
  if (image.trim().length === 0) return 'empty';
  // The tag follows a colon in the last path segment; an earlier colon is
  // a registry port (`localhost:5000/app` has no tag).
  const lastSlash = image.lastIndexOf('/', end - 1);
  const colon = image.indexOf(':', lastSlash + 1);
  if (colon < 0 || colon >= end - 1) return 'untagged';
  return end - colon - 1 === 6 && image.startsWith('latest', colon + 1)
    ? 'latest'
    : 'tag';
}
