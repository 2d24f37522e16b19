/**
 * Starts one fake Kubernetes API server per demo cluster, on loopback with
 * its own CA and token, serving the cluster's objects and version.
 */
import {
  FakeKubeApiServer,
  FakeKubeObject,
  OPTIONAL_CRDS,
  OptionalCrdName,
  startFakeKubeApiServer,
} from '@prodready/fake-kube-apiserver';
import type { ReadinessClusterConnection } from '@prodready/backstage-plugin-readiness-node';
import { DEMO_CLUSTERS, DemoCluster } from './clusters';

/** The demo clusters, running. */
export interface DemoClusterServers {
  servers: ReadonlyArray<{ cluster: DemoCluster; server: FakeKubeApiServer }>;
  /** How the readiness plugin reaches each. */
  connections: ReadinessClusterConnection[];
  /** Stops the servers and the refresh timer. */
  close(): Promise<void>;
}

/** Backup and restore times are recomputed this often, so they stay fresh. */
const REFRESH_MS = 60 * 60_000;

/** The custom resources a cluster serves: those whose CRD it holds. */
function servedCrds(objects: readonly FakeKubeObject[]): OptionalCrdName[] {
  const installed = new Set(
    objects
      .filter(object => object.kind === 'CustomResourceDefinition')
      .map(object => String(object.metadata?.name)),
  );
  return OPTIONAL_CRDS.filter(name => installed.has(name));
}

/** Starts a fake API server for each demo cluster. */
export async function startDemoClusters(
  clusters: readonly DemoCluster[] = DEMO_CLUSTERS,
): Promise<DemoClusterServers> {
  const servers: Array<{ cluster: DemoCluster; server: FakeKubeApiServer }> =
    [];
  try {
    for (const cluster of clusters) {
      const objects = cluster.objects(new Date());
      const server = await startFakeKubeApiServer({
        crds: servedCrds(objects),
        objects,
        version: cluster.version,
      });
      servers.push({ cluster, server });
    }
  } catch (error) {
    await Promise.all(servers.map(({ server }) => server.close()));
    throw error;
  }
  // The timer must not keep the backend alive once it shuts down.
  const refresh = setInterval(() => {
    for (const { cluster, server } of servers) {
      server.setObjects(cluster.objects(new Date()));
    }
  }, REFRESH_MS);
  refresh.unref();
  return {
    servers,
    connections: servers.map(({ cluster, server }) => ({
      name: cluster.name,
      url: server.url,
      caData: server.caData,
      token: server.token,
    })),
    async close() {
      clearInterval(refresh);
      await Promise.all(servers.map(({ server }) => server.close()));
    },
  };
}
