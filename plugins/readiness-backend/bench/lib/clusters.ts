/**
 * Synthetic Kubernetes objects, and fake API servers on loopback holding
 * them. Each Component has WORKLOADS_PER_ENTITY workloads.
 */
import {
  FakeKubeApiServer,
  FakeKubeObject,
  generateCertificates,
  startFakeKubeApiServer,
  syntheticClusterObjects,
} from '@prodready/fake-kube-apiserver';
import { componentName, KUBERNETES_ID } from './catalog';

export const CLUSTERS = 3;
export const WORKLOADS_PER_ENTITY = 5;
// About 20 workloads per namespace, as in the engine benchmark.
export const WORKLOADS_PER_NAMESPACE = 20;

export interface BenchCluster {
  name: string;
  server: FakeKubeApiServer;
  workloads: number;
  objects: number;
}

/**
 * `workloads` synthetic workloads with what they drag along (ReplicaSets,
 * Pods, Services, PDBs, HPAs, custom resources ...), each relabelled with
 * the kubernetes-id of the Component `componentOf` names for its number.
 * The generator gives every workload its own kubernetes-id; its labels
 * object is shared with the pod template, the ReplicaSet, the Pods, the
 * Service and the Ingress, so they follow.
 */
export function syntheticWorkloads(
  workloads: number,
  componentOf: (workload: number) => number,
): FakeKubeObject[] {
  const objects = syntheticClusterObjects({
    workloads,
    namespaces: Math.ceil(workloads / WORKLOADS_PER_NAMESPACE),
    podsPerWorkload: 1,
    statefulSetEvery: 10,
    customResources: true,
  });
  for (const object of objects) {
    if (object.kind !== 'Deployment' && object.kind !== 'StatefulSet') {
      continue;
    }
    const index = Number(object.metadata.name.slice('app-'.length));
    object.metadata.labels![KUBERNETES_ID] = componentName(componentOf(index));
  }
  return objects;
}

/**
 * The clusters of `workloads` workloads in all. Workload `app-<i>` of
 * cluster `c` is workload number `i * CLUSTERS + c` overall, and belongs to
 * Component `service-<that / 5>`, so each Component has 5 workloads over 3
 * clusters.
 */
export async function startClusters(
  workloads: number,
): Promise<BenchCluster[]> {
  const certificates = await generateCertificates('readiness-bench');
  const clusters: BenchCluster[] = [];
  for (let cluster = 0; cluster < CLUSTERS; cluster++) {
    // 25,000 over 3: 8,334, 8,333, 8,333.
    const own = Math.ceil((workloads - cluster) / CLUSTERS);
    const objects = syntheticWorkloads(own, index =>
      Math.floor((index * CLUSTERS + cluster) / WORKLOADS_PER_ENTITY),
    );
    const server = await startFakeKubeApiServer({
      crds: 'all',
      certificates,
      objects,
    });
    clusters.push({
      name: `bench-${cluster}`,
      server,
      workloads: own,
      objects: objects.length,
    });
  }
  return clusters;
}
