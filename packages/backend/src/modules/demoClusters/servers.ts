/**
 * Starts one fake Kubernetes API server per demo cluster, on loopback with
 * its own CA and token, serving the cluster's objects and version.
 */
import {
  CustomCrdSpec,
  FakeKubeApiServer,
  FakeKubeObject,
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

/**
 * Splits a cluster's objects: its CustomResourceDefinitions become the
 * custom resources the server serves (it lists them as CRD objects
 * itself), the rest are its objects.
 */
function splitCrds(objects: readonly FakeKubeObject[]): {
  crds: CustomCrdSpec[];
  others: FakeKubeObject[];
} {
  const crds: CustomCrdSpec[] = [];
  const others: FakeKubeObject[] = [];
  for (const object of objects) {
    if (object.kind !== 'CustomResourceDefinition') {
      others.push(object);
      continue;
    }
    const spec = (object.spec ?? {}) as {
      names?: { kind?: string };
      scope?: string;
      versions?: Array<{ name?: string }>;
    };
    crds.push({
      name: String(object.metadata?.name),
      kind: spec.names?.kind,
      version: spec.versions?.[0]?.name,
      namespaced: spec.scope !== 'Cluster',
    });
  }
  return { crds, others };
}

/** Starts a fake API server for each demo cluster. */
export async function startDemoClusters(
  clusters: readonly DemoCluster[] = DEMO_CLUSTERS,
): Promise<DemoClusterServers> {
  const servers: Array<{ cluster: DemoCluster; server: FakeKubeApiServer }> =
    [];
  try {
    for (const cluster of clusters) {
      const { crds, others } = splitCrds(cluster.objects(new Date()));
      const server = await startFakeKubeApiServer({
        crds,
        objects: others,
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
      server.setObjects(splitCrds(cluster.objects(new Date())).others);
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
