import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * How to reach one Kubernetes cluster, for clusters whose address is only
 * known at start-up (a cluster started with the backend, an inventory
 * queried at boot), which static app-config cannot carry. The readiness
 * plugin reads it as it reads a cluster of its configuration: workloads
 * for the entities' scorecards and, under the same name, the cluster's
 * platform readiness.
 *
 * @public
 */
export interface ReadinessClusterConnection {
  /**
   * The cluster's name: what `backstage.io/kubernetes-cluster` annotations
   * and `kubernetes-cluster` Resources refer to; its source id is
   * `cluster:<name>`. Letters, digits and `. _ : / -`.
   */
  name: string;
  /** The API server, e.g. `https://127.0.0.1:6443`. */
  url: string;
  /**
   * The CA bundle that signed the server's certificate: base64 of the PEM,
   * as Backstage's `caData` and a kubeconfig's
   * `certificate-authority-data`.
   */
  caData?: string;
  /** A bearer token allowed to list what the checks read. */
  token: string;
  /** Skip verifying the server's certificate (tests only); plain http needs it. */
  skipTLSVerify?: boolean;
}

/**
 * Lets backend modules add clusters to read, beside those of
 * `kubernetes.clusterLocatorMethods` and `readiness.kubernetes`.
 *
 * @public
 */
export interface ReadinessClustersExtensionPoint {
  /** A name already used by a configured cluster or another module stops the backend at start-up. */
  addClusters(...clusters: ReadinessClusterConnection[]): void;
}

/**
 * Extension point for clusters known at start-up.
 *
 * @public
 */
export const readinessClustersExtensionPoint =
  createExtensionPoint<ReadinessClustersExtensionPoint>({
    id: 'readiness.clusters',
  });

// As for configured clusters: the name becomes the source id `cluster:<name>`.
const CLUSTER_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,118}$/;

function invalid(name: unknown, problem: string): TypeError {
  return new TypeError(
    `Invalid readiness cluster ${JSON.stringify(name)}: ${problem}`,
  );
}

/**
 * Checks what a module hands over before the plugin relies on it, so a
 * broken module fails at start-up with a message naming the cluster and
 * what is wrong.
 *
 * @public
 */
export function assertValidClusterConnection(
  cluster: unknown,
): asserts cluster is ReadinessClusterConnection {
  const candidate = cluster as Partial<ReadinessClusterConnection> | undefined;
  const name = candidate?.name;
  if (typeof name !== 'string' || !CLUSTER_NAME_PATTERN.test(name)) {
    throw invalid(
      name,
      'the name must use letters, digits and . _ : / - (at most 119 characters)',
    );
  }
  let url: URL;
  try {
    url = new URL(String(candidate?.url));
  } catch {
    throw invalid(name, `url ${JSON.stringify(candidate?.url)} is not a URL`);
  }
  const skipTLSVerify = candidate?.skipTLSVerify === true;
  if (
    url.protocol !== 'https:' &&
    !(url.protocol === 'http:' && skipTLSVerify)
  ) {
    throw invalid(
      name,
      `url '${candidate?.url}' must be https (plain http only with skipTLSVerify)`,
    );
  }
  if (typeof candidate?.token !== 'string' || candidate.token.trim() === '') {
    throw invalid(name, 'it has no token');
  }
  if (candidate.caData !== undefined) {
    const pem = Buffer.from(String(candidate.caData), 'base64').toString(
      'utf8',
    );
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
      throw invalid(
        name,
        'caData is not the base64 encoding of a PEM certificate bundle',
      );
    }
  }
}
