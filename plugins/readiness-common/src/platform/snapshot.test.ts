import { clusterSnapshotFromObjects } from './snapshot';
import {
  crd,
  kubePrometheusStack,
  node,
  secret,
  workload,
} from './testing/clusters';

describe('clusterSnapshotFromObjects', () => {
  it('never keeps Secret data, nor the last-applied configuration that repeats it', () => {
    const snapshot = clusterSnapshotFromObjects(
      'prod',
      [secret('shop', 'db')],
      {
        readAt: '2026-12-06T12:00:00Z',
      },
    );
    expect(snapshot.objects).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'db', namespace: 'shop', annotations: {} },
        type: 'Opaque',
      },
    ]);
    const text = JSON.stringify(snapshot);
    expect(text).not.toContain('aHVudGVyMg==');
    expect(text).not.toContain('hunter2');
  });

  it('keeps only what the checks read of platform kinds, and workloads whole for the workload checks', () => {
    const deployment = {
      ...workload('shop', 'web', 'ghcr.io/example/web:1'),
      metadata: {
        name: 'web',
        namespace: 'shop',
        managedFields: [{ manager: 'kubectl' }],
      },
    };
    const snapshot = clusterSnapshotFromObjects('prod', [
      crd('certificates.cert-manager.io'),
      deployment,
      ...kubePrometheusStack().filter(
        object => object.kind === 'PrometheusRule',
      ),
    ]);
    const [definition, kept, rule] = snapshot.objects;
    expect(definition).toEqual({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'certificates.cert-manager.io' },
      spec: {
        group: 'cert-manager.io',
        scope: 'Namespaced',
        names: { kind: 'certificates', plural: 'certificates' },
      },
    });
    expect(kept.spec).toEqual(deployment.spec);
    expect(kept.metadata).toEqual({ name: 'web', namespace: 'shop' });
    expect(rule.spec).toBeUndefined();
  });

  it('takes the server version from the oldest kubelet when none is given', () => {
    const snapshot = clusterSnapshotFromObjects('prod', [
      node('a', { kubelet: 'v1.36.2' }),
      node('b', { kubelet: 'v1.35.10-gke.1200000' }),
      node('c', { kubelet: 'v1.35.4-gke.100' }),
    ]);
    expect(snapshot.serverVersion).toEqual({
      major: '1',
      minor: '35',
      gitVersion: 'v1.35.4-gke.100',
    });
    const given = clusterSnapshotFromObjects('prod', [node('a')], {
      serverVersion: { major: '1', minor: '36+', gitVersion: 'v1.36.1-eks-1' },
    });
    expect(given.serverVersion?.minor).toBe('36+');
    expect(
      clusterSnapshotFromObjects('prod', []).serverVersion,
    ).toBeUndefined();
  });

  it('keeps the unread kinds and the time it was read', () => {
    const snapshot = clusterSnapshotFromObjects('prod', [], {
      readAt: '2026-12-06T12:00:00Z',
      unreadKinds: [{ kind: 'Node', reason: 'forbidden' }],
    });
    expect(snapshot).toEqual({
      cluster: 'prod',
      objects: [],
      readAt: '2026-12-06T12:00:00Z',
      unreadKinds: [{ kind: 'Node', reason: 'forbidden' }],
    });
  });
});
