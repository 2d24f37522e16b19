/**
 * Builds a cluster snapshot from objects read from a cluster or a
 * `kubectl get -o json` dump. Objects of the platform kinds keep only what
 * the checks read; other objects (workloads and what relates to them) keep
 * their spec for the workload checks. Secret data never enters a snapshot,
 * nor does `last-applied-configuration`, which repeats it.
 */
import { apiGroupOf } from '../model/kinds';
import { KubeObject } from '../types';
import { asArray, asRecord } from '../util/guards';
import { PLATFORM_KIND_GROUPS } from './kinds';
import { ClusterSnapshot, ServerVersion, UnreadKind } from './types';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

type Picked = Record<string, unknown>;

/** Only the listed keys of a record, when present. */
function pick(value: unknown, keys: readonly string[]): Picked | undefined {
  const record = asRecord(value);
  if (!record) return undefined;
  const out: Picked = {};
  for (const key of keys) {
    if (record[key] !== undefined) out[key] = record[key];
  }
  return out;
}

function slimMetadata(metadata: unknown): KubeObject['metadata'] {
  const picked = pick(metadata, [
    'name',
    'namespace',
    'labels',
    'annotations',
    'ownerReferences',
    'creationTimestamp',
  ]);
  if (!picked) return undefined;
  const annotations = asRecord(picked.annotations);
  if (annotations && LAST_APPLIED in annotations) {
    const { [LAST_APPLIED]: _dropped, ...rest } = annotations;
    picked.annotations = rest;
  }
  return picked as KubeObject['metadata'];
}

/** The parts of one kind's objects the checks read, besides metadata. */
type Trim = (object: KubeObject) => Picked;

const conditions = (status: unknown) =>
  asArray(asRecord(status)?.conditions).map(condition =>
    pick(condition, ['type', 'status', 'reason']),
  );

const TRIMS: ReadonlyMap<string, Trim> = new Map<string, Trim>([
  ['Namespace', o => ({ status: pick(o.status, ['phase']) })],
  [
    'Node',
    o => ({
      spec: pick(o.spec, ['unschedulable', 'taints']),
      status: {
        nodeInfo: pick(asRecord(o.status)?.nodeInfo, ['kubeletVersion']),
        conditions: conditions(o.status),
      },
    }),
  ],
  [
    'CustomResourceDefinition',
    o => ({
      spec: {
        ...pick(o.spec, ['group', 'scope']),
        names: pick(asRecord(o.spec)?.names, ['kind', 'plural']),
      },
    }),
  ],
  [
    'APIService',
    o => ({
      spec: pick(o.spec, ['service', 'group', 'version']),
      status: { conditions: conditions(o.status) },
    }),
  ],
  ['IngressClass', o => ({ spec: pick(o.spec, ['controller']) })],
  ['StorageClass', o => pick(o, ['provisioner']) ?? {}],
  ['ClusterRoleBinding', o => pick(o, ['roleRef', 'subjects']) ?? {}],
  ['ValidatingAdmissionPolicy', () => ({})],
  ['ResourceQuota', () => ({})],
  ['LimitRange', () => ({})],
  ['NetworkPolicy', o => ({ spec: o.spec })],
  [
    'Schedule',
    o => ({ spec: o.spec, status: pick(o.status, ['phase', 'lastBackup']) }),
  ],
  [
    'Backup',
    o => ({
      status: pick(o.status, [
        'phase',
        'startTimestamp',
        'completionTimestamp',
      ]),
    }),
  ],
  [
    'Restore',
    o => ({
      spec: pick(o.spec, ['backupName']),
      status: pick(o.status, [
        'phase',
        'startTimestamp',
        'completionTimestamp',
      ]),
    }),
  ],
  ['Prometheus', o => ({ spec: pick(o.spec, ['replicas', 'version']) })],
  ['Alertmanager', o => ({ spec: pick(o.spec, ['replicas', 'version']) })],
  ['PrometheusRule', () => ({})],
  ['GatewayClass', o => ({ spec: pick(o.spec, ['controllerName']) })],
]);

/** The object as a snapshot keeps it. */
function slim(object: KubeObject): KubeObject {
  const kind = typeof object.kind === 'string' ? object.kind : '';
  const group = apiGroupOf(object.apiVersion);
  const platformGroup = PLATFORM_KIND_GROUPS.get(kind);
  const trim =
    platformGroup !== undefined &&
    (group === undefined || group === platformGroup)
      ? TRIMS.get(kind)
      : undefined;
  const base: KubeObject = {
    apiVersion: object.apiVersion,
    kind: object.kind,
    metadata: slimMetadata(object.metadata),
  };
  if (trim) return { ...base, ...trim(object) };
  if (kind === 'Secret' && group === '') {
    // Names and type only: values never leave the cluster.
    return { ...base, type: object.type };
  }
  const { metadata: _metadata, ...rest } = object;
  return { ...rest, ...base };
}

const KUBELET_VERSION = /^v?(\d+)\.(\d+)(?:\.(\d+))?/;

function compareParts(a: readonly number[], b: readonly number[]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/**
 * The version of the oldest kubelet among the Nodes, standing for the
 * server's when `/version` was not read; undefined without Nodes.
 */
export function versionFromNodes(
  nodes: readonly KubeObject[],
): ServerVersion | undefined {
  let oldest: { parts: number[]; gitVersion: string } | undefined;
  for (const node of nodes) {
    const text = asRecord(asRecord(node.status)?.nodeInfo)?.kubeletVersion;
    if (typeof text !== 'string') continue;
    const match = KUBELET_VERSION.exec(text.trim());
    if (!match) continue;
    const parts = [match[1], match[2], match[3] ?? '0'].map(Number);
    if (!oldest || compareParts(parts, oldest.parts) < 0) {
      oldest = { parts, gitVersion: text.trim() };
    }
  }
  return oldest
    ? {
        major: String(oldest.parts[0]),
        minor: String(oldest.parts[1]),
        gitVersion: oldest.gitVersion,
      }
    : undefined;
}

/** Options of {@link clusterSnapshotFromObjects}. @public */
export interface ClusterSnapshotOptions {
  /** From `/version`; else the oldest Node kubelet version stands for it. */
  serverVersion?: ServerVersion;
  /** When the objects were read, ISO 8601; default now. */
  readAt?: string;
  /** Kinds that could not be read, and why. */
  unreadKinds?: UnreadKind[];
}

/**
 * A cluster snapshot of these objects: only what the checks read is kept
 * (never Secret data), and the server version comes from the oldest Node
 * `status.nodeInfo.kubeletVersion` when none is given.
 * @public
 */
export function clusterSnapshotFromObjects(
  cluster: string,
  objects: KubeObject[],
  options: ClusterSnapshotOptions = {},
): ClusterSnapshot {
  const kept: KubeObject[] = [];
  const nodes: KubeObject[] = [];
  for (const object of asArray(objects)) {
    const record = asRecord(object) as KubeObject | undefined;
    if (!record) continue;
    const slimmed = slim(record);
    kept.push(slimmed);
    if (slimmed.kind === 'Node') nodes.push(slimmed);
  }
  const snapshot: ClusterSnapshot = {
    cluster,
    objects: kept,
    readAt: options.readAt ?? new Date().toISOString(),
  };
  const version = options.serverVersion ?? versionFromNodes(nodes);
  if (version) snapshot.serverVersion = version;
  if (options.unreadKinds && options.unreadKinds.length > 0) {
    snapshot.unreadKinds = options.unreadKinds;
  }
  return snapshot;
}
