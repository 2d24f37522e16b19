/**
 * Kubernetes minor releases and their dates, for `kubernetes-version`: a
 * cluster is current when its minor is one of the three newest released at
 * the evaluation date (the upstream project supports three minors).
 */
import { ServerVersion } from './types';

/** A minor release of Kubernetes. @public */
export interface KubernetesRelease {
  /** `major.minor`, e.g. `1.34`. */
  minor: string;
  /** Date of its `.0` release, `YYYY-MM-DD`. */
  released: string;
}

/**
 * The minor releases, from the release history on kubernetes.io (each
 * release's page, "1.x.0 Released on"). Last checked 2026-12-06: 1.37 is the
 * newest; `platform.kubernetesReleases` replaces the table when a newer
 * release is out before this package is updated.
 * @public
 */
export const KUBERNETES_RELEASES: readonly KubernetesRelease[] = Object.freeze(
  [
    { minor: '1.26', released: '2022-12-09' },
    { minor: '1.27', released: '2023-04-11' },
    { minor: '1.28', released: '2023-08-15' },
    { minor: '1.29', released: '2023-12-13' },
    { minor: '1.30', released: '2024-04-17' },
    { minor: '1.31', released: '2024-08-13' },
    { minor: '1.32', released: '2024-12-11' },
    { minor: '1.33', released: '2025-04-23' },
    { minor: '1.34', released: '2025-08-27' },
    { minor: '1.35', released: '2025-12-17' },
    { minor: '1.36', released: '2026-04-22' },
    { minor: '1.37', released: '2026-08-26' },
  ].map(release => Object.freeze(release)),
);

/** How many minor releases the project supports at a time. */
export const SUPPORTED_MINOR_COUNT = 3;

/** A version as two numbers, for comparing. */
export interface MinorVersion {
  major: number;
  minor: number;
}

/** `1.31` → {1, 31}; undefined when it is not two numbers. */
export function parseMinorVersion(text: string): MinorVersion | undefined {
  const match = /^v?(\d+)\.(\d+)/.exec(text.trim());
  return match
    ? { major: Number(match[1]), minor: Number(match[2]) }
    : undefined;
}

/**
 * The server's `major.minor`. Managed clusters add a suffix to the minor
 * (`31+` on GKE and EKS): only its digits count.
 */
export function serverMinorVersion(
  version: ServerVersion | undefined,
): MinorVersion | undefined {
  if (!version) return undefined;
  const major = /^\d+/.exec(String(version.major ?? ''))?.[0];
  const minor = /^\d+/.exec(String(version.minor ?? ''))?.[0];
  if (major && minor) return { major: Number(major), minor: Number(minor) };
  return parseMinorVersion(String(version.gitVersion ?? ''));
}

export function compareMinor(a: MinorVersion, b: MinorVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

export function formatMinor(version: MinorVersion): string {
  return `${version.major}.${version.minor}`;
}

/**
 * The newest minors released on or before `now`, newest first, at most
 * {@link SUPPORTED_MINOR_COUNT}.
 */
export function supportedMinors(
  releases: readonly KubernetesRelease[],
  now: Date,
): MinorVersion[] {
  const released: MinorVersion[] = [];
  for (const release of releases) {
    const version = parseMinorVersion(release.minor);
    const date = Date.parse(`${release.released}T00:00:00Z`);
    if (version && !Number.isNaN(date) && date <= now.getTime()) {
      released.push(version);
    }
  }
  released.sort((a, b) => compareMinor(b, a));
  return released.slice(0, SUPPORTED_MINOR_COUNT);
}
