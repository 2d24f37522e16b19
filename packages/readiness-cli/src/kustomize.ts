import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  isKustomization,
  parseDocuments,
  readKustomization,
} from '@prodready/backstage-plugin-readiness-common';
import { readTextFile } from '@prodready/readiness-manifest-files';

/** How long `kubectl kustomize` may run for one kustomization. */
export const KUSTOMIZE_TIMEOUT_MS = 60_000;

/** A kustomization found among the inputs and what it names. */
export interface KustomizationInfo {
  /** The folder, as found (`overlays/prod`); rendered objects carry it as their file. */
  directory: string;
  /** Its `kustomization.yaml` (or `.yml`, `Kustomization`). */
  file: string;
  /** Absolute paths of the local files it names: resources and patches. */
  namedFiles: string[];
  /** Absolute paths of the patch files it names (never workloads). */
  patches: string[];
  /** Absolute paths of local folders it includes (resources, components). */
  includedDirectories: string[];
  /** `resources` it names that are remote (Git or HTTP URLs). */
  remote: string[];
  /**
   * A `kind: Component`: a reusable piece that Kustomize renders only as
   * part of a kustomization that uses it, never on its own.
   */
  component: boolean;
  /** What was thrown reading the kustomization file, if it could not be read. */
  error?: unknown;
}

/** Remote bases: URLs, `github.com/...`, `git@...`, anything with `?ref=`. */
function isRemote(resource: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(resource) ||
    /^git@/.test(resource) ||
    /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(resource) ||
    /[?&]ref=/.test(resource)
  );
}

function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/** Reads a kustomization file and resolves what it names. */
export function describeKustomization(
  file: string,
  maxBytes: number,
): KustomizationInfo {
  const directory = path.dirname(file);
  const info: KustomizationInfo = {
    directory,
    file,
    namedFiles: [],
    patches: [],
    includedDirectories: [],
    remote: [],
    component: false,
  };
  let value: unknown;
  try {
    const { documents } = parseDocuments(readTextFile(file, maxBytes), {
      file,
    });
    value = documents.find(document => isKustomization(document.value))?.value;
    if (value === undefined) {
      value = documents[0]?.value;
    }
  } catch (error) {
    info.error = error ?? new Error('cannot read');
    return info;
  }
  info.component =
    (value as { kind?: unknown } | undefined)?.kind === 'Component';
  const named = readKustomization(value);
  const base = path.resolve(directory);
  for (const entry of [...named.resources, ...named.components]) {
    if (isRemote(entry)) {
      info.remote.push(entry);
      continue;
    }
    const target = path.resolve(base, entry);
    const stats = statOf(target);
    if (stats?.isDirectory()) {
      info.includedDirectories.push(target);
    } else {
      info.namedFiles.push(target);
    }
  }
  for (const entry of named.patches) {
    const target = path.resolve(base, entry);
    info.patches.push(target);
    info.namedFiles.push(target);
  }
  // Transformer configs and generator inputs are read only by Kustomize.
  for (const entry of named.otherFiles) {
    info.namedFiles.push(path.resolve(base, entry));
  }
  return info;
}

/**
 * The kustomizations no other one includes: those are rendered, so a base
 * that overlays build on is not counted once for itself and once per
 * overlay. Components are never rendered alone: Kustomize cannot.
 */
export function rootKustomizations(
  kustomizations: readonly KustomizationInfo[],
): KustomizationInfo[] {
  const included = new Set<string>();
  for (const kustomization of kustomizations) {
    for (const directory of kustomization.includedDirectories) {
      included.add(directory);
    }
  }
  return kustomizations.filter(
    kustomization =>
      !kustomization.component &&
      !included.has(path.resolve(kustomization.directory)),
  );
}

/** Finds an executable on a `PATH`, as a shell would (`.exe` and the like on Windows). */
export function findExecutable(
  name: string,
  searchPath: string | undefined,
  extensions: readonly string[] = process.platform === 'win32'
    ? (process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')
    : [''],
): string | undefined {
  for (const directory of (searchPath ?? '').split(path.delimiter)) {
    if (!directory) continue;
    for (const extension of extensions) {
      const candidate = path.join(directory, `${name}${extension}`);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) {
          return candidate;
        }
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** The command a user runs to render a kustomization and check the result. */
export function renderHint(directory: string): string {
  return `kubectl kustomize ${directory} | readiness check - --stdin-filename ${directory}`;
}

/**
 * An unroutable proxy: Kustomize fetches remote bases over HTTP(S) or Git,
 * and the CI gate must not reach the network on behalf of a pull request.
 */
const NO_NETWORK = 'http://127.0.0.1:9';

/**
 * Renders a kustomization with `kubectl kustomize`: no network (remote
 * resources were refused before, and proxies lead nowhere), no cluster (an
 * empty kubeconfig), a timeout and an output limit. Returns the YAML, or
 * throws an Error whose message is kubectl's.
 */
export function renderKustomization(
  kubectl: string,
  directory: string,
  env: Record<string, string | undefined>,
  maxBytes: number,
): string {
  const result = spawnSync(kubectl, ['kustomize', directory], {
    encoding: 'utf8',
    timeout: KUSTOMIZE_TIMEOUT_MS,
    maxBuffer: maxBytes,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: env.PATH,
      HOME: env.HOME,
      KUBECONFIG: '/dev/null',
      HTTP_PROXY: NO_NETWORK,
      HTTPS_PROXY: NO_NETWORK,
      http_proxy: NO_NETWORK,
      https_proxy: NO_NETWORK,
      NO_PROXY: '',
      no_proxy: '',
      GIT_ALLOW_PROTOCOL: 'file',
      GIT_TERMINAL_PROMPT: '0',
    },
  });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    if (code === 'ETIMEDOUT') {
      throw new Error(
        `kubectl kustomize did not finish within ${
          KUSTOMIZE_TIMEOUT_MS / 1000
        } seconds`,
      );
    }
    if (code === 'ENOBUFS') {
      throw new Error(
        'kubectl kustomize rendered more than the size limit (see --max-file-size)',
      );
    }
    throw new Error(`kubectl kustomize failed: ${result.error.message}`);
  }
  if (result.status !== 0) {
    const stderr = (result.stderr ?? '')
      .trim()
      .split('\n')
      .map(line => line.trim())
      .filter(Boolean)
      .slice(0, 5)
      .join(' ');
    throw new Error(
      `kubectl kustomize failed${
        result.signal ? ` (${result.signal})` : ` (exit ${result.status})`
      }: ${stderr || 'no message'}`,
    );
  }
  return result.stdout;
}
