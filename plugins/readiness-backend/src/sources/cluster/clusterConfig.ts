/**
 * Which clusters to read and how: the clusters users already configured for
 * Backstage's Kubernetes plugin (`kubernetes.clusterLocatorMethods`), plus
 * readiness' own `readiness.kubernetes` block (kubeconfig files, the
 * in-cluster service account, paging, concurrency, timeouts and retries).
 * Mistakes are reported with the config key they are about.
 */
import fs from 'node:fs';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import { Cluster, KubeConfig, User } from '@kubernetes/client-node';

/** A cluster to read, with a client configuration ready to use. */
export interface ClusterTarget {
  /**
   * The cluster's name: the Kubernetes plugin's name for it, which is also
   * what `backstage.io/kubernetes-cluster` annotations refer to.
   */
  name: string;
  /** Where it was configured, for messages. */
  configKey: string;
  /** Server, CA and credentials, with the cluster's context current. */
  kubeConfig: KubeConfig;
}

/** How clusters are read; the same for every cluster. */
export interface ClusterReadOptions {
  /** Objects per list request (`limit`). */
  pageSize: number;
  /** List requests in flight at once, per cluster. */
  concurrency: number;
  /** Time allowed for one request, response body included. */
  requestTimeoutMs: number;
  /** Further attempts after a failed request (429, 5xx, timeouts, network errors). */
  retries: number;
}

/** Everything `readiness.kubernetes` and the Kubernetes plugin's config say. */
export interface ClusterTargets {
  targets: ClusterTarget[];
  options: ClusterReadOptions;
}

export const DEFAULT_CLUSTER_READ_OPTIONS: ClusterReadOptions = {
  pageSize: 500,
  concurrency: 4,
  requestTimeoutMs: 30_000,
  retries: 3,
};

/** Where a pod's service-account token is mounted. */
export const IN_CLUSTER_TOKEN_FILE =
  '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** The Kubernetes plugin's `authMetadata` key for the auth provider. */
const AUTH_PROVIDER_KEY = 'kubernetes.io/auth-provider';

// The name becomes the source id `cluster:<name>`.
const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,118}$/;

function invalid(key: string, message: string): InputError {
  return new InputError(`Invalid config ${key}: ${message}`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function readInteger(
  block: Config | undefined,
  key: string,
  fallback: number,
  minimum: number,
): number {
  const value = block?.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < minimum) {
    throw invalid(
      `readiness.kubernetes.${key}`,
      `expected a whole number of at least ${minimum}, got ${value}`,
    );
  }
  return value;
}

function readTimeout(block: Config | undefined): number {
  if (!block?.has('requestTimeout')) {
    return DEFAULT_CLUSTER_READ_OPTIONS.requestTimeoutMs;
  }
  let milliseconds: number;
  try {
    milliseconds = durationToMilliseconds(
      readDurationFromConfig(block, { key: 'requestTimeout' }),
    );
  } catch (error) {
    throw invalid(
      'readiness.kubernetes.requestTimeout',
      `expected a duration such as '30s' or { seconds: 30 }: ${messageOf(
        error,
      )}`,
    );
  }
  if (!(milliseconds > 0)) {
    throw invalid(
      'readiness.kubernetes.requestTimeout',
      'must be longer than zero',
    );
  }
  return milliseconds;
}

/** Reads `readiness.kubernetes` settings other than where clusters are. */
export function readClusterReadOptions(config: Config): ClusterReadOptions {
  const block = config.getOptionalConfig('readiness.kubernetes');
  const defaults = DEFAULT_CLUSTER_READ_OPTIONS;
  return {
    pageSize: readInteger(block, 'pageSize', defaults.pageSize, 1),
    concurrency: readInteger(block, 'concurrency', defaults.concurrency, 1),
    requestTimeoutMs: readTimeout(block),
    retries: readInteger(block, 'retries', defaults.retries, 0),
  };
}

function checkName(name: string, key: string): string {
  if (!CLUSTER_NAME.test(name)) {
    throw invalid(
      key,
      `'${name}' cannot name a cluster; use letters, digits and . _ : / - ` +
        '(at most 119 characters)',
    );
  }
  return name;
}

function checkServer(url: string, skipTLSVerify: boolean, key: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid(key, `'${url}' is not a URL`);
  }
  if (parsed.protocol === 'http:' && !skipTLSVerify) {
    throw invalid(
      key,
      `'${url}' is plain HTTP; use https (HTTP is only accepted with skipTLSVerify)`,
    );
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw invalid(key, `'${url}' is not an http(s) URL`);
  }
  return url.replace(/\/+$/, '');
}

function checkCaData(caData: string, key: string): string {
  const decoded = Buffer.from(caData, 'base64').toString('utf8');
  if (!decoded.includes('-----BEGIN CERTIFICATE-----')) {
    throw invalid(
      key,
      caData.includes('-----BEGIN')
        ? 'expected the base64 encoding of a PEM bundle, got PEM text'
        : 'not the base64 encoding of a PEM certificate bundle',
    );
  }
  return caData;
}

function checkReadable(path: string, key: string): string {
  try {
    fs.accessSync(path, fs.constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw invalid(
      key,
      `cannot read '${path}'${code === 'ENOENT' ? ': no such file' : ''}`,
    );
  }
  return path;
}

/**
 * Clusters of `kubernetes.clusterLocatorMethods` entries of type `config`
 * that authenticate with a service account. Others are skipped, each with a
 * warning saying why and what to do instead.
 */
function readKubernetesPluginClusters(
  config: Config,
  logger: LoggerService,
): ClusterTarget[] {
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  const targets: ClusterTarget[] = [];
  methods.forEach((method, methodIndex) => {
    const methodKey = `kubernetes.clusterLocatorMethods[${methodIndex}]`;
    const type = method.getOptionalString('type');
    if (type !== 'config') {
      logger.warn(
        `Readiness does not read clusters from ${methodKey} (type '${type}'): ` +
          "only type 'config' is supported; add such clusters under " +
          'readiness.kubernetes.kubeconfig to score them',
      );
      return;
    }
    const clusters = method.getOptionalConfigArray('clusters') ?? [];
    clusters.forEach((cluster, clusterIndex) => {
      const key = `${methodKey}.clusters[${clusterIndex}]`;
      const name = cluster.getString('name');
      const authMetadata =
        cluster.getOptional<Record<string, unknown>>('authMetadata');
      const metadataProvider = authMetadata?.[AUTH_PROVIDER_KEY];
      const authProvider =
        typeof metadataProvider === 'string'
          ? metadataProvider
          : cluster.getOptionalString('authProvider');
      if (authProvider !== 'serviceAccount') {
        logger.warn(
          `Readiness skips Kubernetes cluster '${name}' (${key}): ` +
            `authProvider '${authProvider ?? '(none)'}' is not supported, ` +
            "only 'serviceAccount' is; to score it, add it under " +
            'readiness.kubernetes.kubeconfig',
        );
        return;
      }
      if (!CLUSTER_NAME.test(name)) {
        logger.warn(
          `Readiness skips Kubernetes cluster '${name}' (${key}): the name ` +
            'has characters other than letters, digits and . _ : / -',
        );
        return;
      }
      const skipTLSVerify =
        cluster.getOptionalBoolean('skipTLSVerify') ?? false;
      const server = checkServer(
        cluster.getString('url'),
        skipTLSVerify,
        `${key}.url`,
      );
      const caData = cluster.getOptionalString('caData');
      const caFile = cluster.getOptionalString('caFile');
      const metadataToken = authMetadata?.serviceAccountToken;
      const token =
        cluster.getOptionalString('serviceAccountToken') ??
        (typeof metadataToken === 'string' ? metadataToken : undefined);

      let user: User;
      if (token) {
        user = { name: `${name}-readiness`, token };
      } else if (fs.existsSync(IN_CLUSTER_TOKEN_FILE)) {
        // As the Kubernetes plugin does: no token means the pod's own
        // service account, whose token file is re-read as it rotates.
        user = {
          name: `${name}-readiness`,
          authProvider: {
            name: 'tokenFile',
            config: { tokenFile: IN_CLUSTER_TOKEN_FILE },
          },
        };
      } else {
        logger.warn(
          `Readiness skips Kubernetes cluster '${name}' (${key}): it has no ` +
            `serviceAccountToken and the backend has no pod service-account token ` +
            `(${IN_CLUSTER_TOKEN_FILE})`,
        );
        return;
      }
      const clusterEntry: Cluster = {
        name,
        server,
        skipTLSVerify,
        ...(caData ? { caData: checkCaData(caData, `${key}.caData`) } : {}),
        ...(caFile ? { caFile: checkReadable(caFile, `${key}.caFile`) } : {}),
      };
      const kubeConfig = new KubeConfig();
      kubeConfig.loadFromClusterAndUser(clusterEntry, user);
      targets.push({ name, configKey: key, kubeConfig });
    });
  });
  return targets;
}

/** `readiness.kubernetes.kubeconfig`: contexts of kubeconfig files. */
function readKubeconfigClusters(block: Config | undefined): ClusterTarget[] {
  const entries = block?.getOptionalConfigArray('kubeconfig') ?? [];
  return entries.map((entry, index) => {
    const key = `readiness.kubernetes.kubeconfig[${index}]`;
    const path = entry.getString('path');
    const kubeConfig = new KubeConfig();
    try {
      kubeConfig.loadFromFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw invalid(
        `${key}.path`,
        `cannot load kubeconfig '${path}': ${
          code === 'ENOENT' ? 'no such file' : messageOf(error)
        }`,
      );
    }
    const context = entry.getOptionalString('context');
    if (context !== undefined) {
      if (!kubeConfig.getContextObject(context)) {
        const known = kubeConfig.getContexts().map(c => c.name);
        throw invalid(
          `${key}.context`,
          `'${path}' has no context '${context}' (it has ${
            known.length > 0 ? known.map(c => `'${c}'`).join(', ') : 'none'
          })`,
        );
      }
      kubeConfig.setCurrentContext(context);
    }
    const current = kubeConfig.getCurrentContext();
    if (!current || !kubeConfig.getContextObject(current)) {
      throw invalid(
        key,
        `'${path}' has no current-context; set ${key}.context to one of its contexts`,
      );
    }
    const cluster = kubeConfig.getCurrentCluster();
    if (!cluster) {
      throw invalid(
        key,
        `context '${current}' of '${path}' refers to a cluster the file does not define`,
      );
    }
    checkServer(
      cluster.server,
      cluster.skipTLSVerify,
      `${key} (server of context '${current}')`,
    );
    const name = entry.getOptionalString('name') ?? current;
    checkName(
      name,
      entry.has('name')
        ? `${key}.name`
        : `${key} (context name; set ${key}.name)`,
    );
    return { name, configKey: key, kubeConfig };
  });
}

/** `readiness.kubernetes.inCluster`: the backend's own cluster. */
function readInClusterTarget(block: Config | undefined): ClusterTarget[] {
  const entry = block?.getOptionalConfig('inCluster');
  if (!entry) return [];
  const key = 'readiness.kubernetes.inCluster';
  const name = checkName(entry.getString('name'), `${key}.name`);
  if (
    !process.env.KUBERNETES_SERVICE_HOST ||
    !process.env.KUBERNETES_SERVICE_PORT
  ) {
    throw invalid(
      key,
      'the backend does not run in a Kubernetes pod (KUBERNETES_SERVICE_HOST ' +
        'and KUBERNETES_SERVICE_PORT are not set)',
    );
  }
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromCluster();
  return [{ name, configKey: key, kubeConfig }];
}

/**
 * The clusters to read and how to read them. Throws an InputError naming
 * the config key when something is wrong; logs a warning for each Kubernetes
 * plugin cluster it cannot use.
 */
export function readClusterTargets(
  config: Config,
  logger: LoggerService,
): ClusterTargets {
  const block = config.getOptionalConfig('readiness.kubernetes');
  const options = readClusterReadOptions(config);
  const usePluginClusters =
    block?.getOptionalBoolean('useKubernetesPluginClusters') ?? true;

  const targets = [
    ...(usePluginClusters ? readKubernetesPluginClusters(config, logger) : []),
    ...readKubeconfigClusters(block),
    ...readInClusterTarget(block),
  ];
  const seen = new Map<string, string>();
  for (const target of targets) {
    const earlier = seen.get(target.name);
    if (earlier) {
      throw invalid(
        target.configKey,
        `cluster name '${target.name}' is already used by ${earlier}; ` +
          'give one of them another name',
      );
    }
    seen.set(target.name, target.configKey);
  }
  return { targets, options };
}
