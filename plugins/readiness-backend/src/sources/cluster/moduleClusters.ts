/**
 * Clusters added by backend modules through readinessClustersExtensionPoint
 * (known only at start-up), as targets read like configured clusters.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { ReadinessClusterConnection } from '@prodready/backstage-plugin-readiness-node';
import { ClusterTarget } from './clusterConfig';

/**
 * One target per cluster a module added. Names are unique among module
 * clusters; a name a configured cluster has too stops start-up where the
 * sources are registered (`cluster:<name>` added twice).
 */
export function moduleClusterTargets(
  clusters: readonly ReadinessClusterConnection[],
): ClusterTarget[] {
  const seen = new Set<string>();
  return clusters.map(cluster => {
    if (seen.has(cluster.name)) {
      throw new Error(
        `Readiness cluster '${cluster.name}' is added twice by backend modules; cluster names must be unique`,
      );
    }
    seen.add(cluster.name);
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromClusterAndUser(
      {
        name: cluster.name,
        server: cluster.url.replace(/\/+$/, ''),
        skipTLSVerify: cluster.skipTLSVerify ?? false,
        ...(cluster.caData ? { caData: cluster.caData } : {}),
      },
      { name: `${cluster.name}-readiness`, token: cluster.token },
    );
    return {
      name: cluster.name,
      configKey: `cluster '${cluster.name}' of a backend module (readinessClustersExtensionPoint)`,
      kubeConfig,
    };
  });
}
