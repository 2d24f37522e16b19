/**
 * Where this pod stands among its peers, from its StatefulSet pod name
 * (<name>-<ordinal>) and the data model in the ${{ values.name }}-config ConfigMap.
 *
 * - `single-writer`: pod 0 takes every write; the others are read replicas
 *   that copy from it.
 * - `sharded`: pod N owns shard N of SHARD_COUNT; every key belongs to
 *   exactly one shard (`shardOf`), and its work goes to that pod.
 *
 * Peers are reached pod to pod through the headless Service:
 * <pod>.<PEER_SERVICE>.<namespace>.svc.
 */

export type DataModel = 'single-writer' | 'sharded';

export interface Topology {
  model: DataModel;
  /** This pod's ordinal: 0 for <name>-0. */
  ordinal: number;
  /** The StatefulSet's name: pod N is <statefulSet>-N. */
  statefulSet: string;
  /** The headless Service's domain: pod N is <statefulSet>-N.<peerDomain>. */
  peerDomain: string;
  /** This pod's DNS name for its peers. */
  self: string;
  role: 'writer' | 'read-replica' | 'shard';
  /** single-writer: the writer's DNS name, where replicas copy from. */
  writer?: string;
  /** sharded: the number of shards, one per pod. */
  shardCount?: number;
}

type Env = Record<string, string | undefined>;

function required(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} must be set (see the StatefulSet and its ConfigMap)`);
  return value;
}

/** Reads the topology from the environment; a bad setting stops the pod with its name. */
export function topologyFromEnv(env: Env): Topology {
  const model = required(env, 'DATA_MODEL');
  if (model !== 'single-writer' && model !== 'sharded') {
    throw new Error(`DATA_MODEL must be single-writer or sharded, not "${model}"`);
  }
  const podName = required(env, 'POD_NAME');
  const match = /^(.+)-(\d+)$/.exec(podName);
  if (!match) {
    throw new Error(`POD_NAME must be a StatefulSet pod name (<name>-<ordinal>), not "${podName}"`);
  }
  const [, setName, ordinalText] = match;
  const ordinal = Number(ordinalText);
  const peerDomain = `${required(env, 'PEER_SERVICE')}.${required(env, 'POD_NAMESPACE')}.svc`;
  const place = { ordinal, statefulSet: setName, peerDomain, self: `${podName}.${peerDomain}` };

  if (model === 'single-writer') {
    return {
      model,
      ...place,
      role: ordinal === 0 ? 'writer' : 'read-replica',
      writer: `${setName}-0.${peerDomain}`,
    };
  }

  const countText = required(env, 'SHARD_COUNT');
  const shardCount = Number(countText);
  if (!Number.isInteger(shardCount) || shardCount < 1) {
    throw new Error(`SHARD_COUNT must be a whole number of shards, not "${countText}"`);
  }
  // A pod outside the shard count would own no keys, or the wrong ones:
  // the StatefulSet and SHARD_COUNT disagree, and the data must be moved
  // before this pod may serve.
  if (ordinal >= shardCount) {
    throw new Error(
      `pod ${podName} has ordinal ${ordinal}, outside SHARD_COUNT ${shardCount}: ` +
        'change replicas and SHARD_COUNT together, after moving the data (docs/runbook.md)',
    );
  }
  return { model, ...place, role: 'shard', shardCount };
}

/** The shard that owns a key: a stable hash (32-bit FNV-1a), the same on every pod. */
export function shardOf(key: string, shardCount: number): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(key)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shardCount;
}

/** The DNS name of the pod that owns a key, in the sharded model. */
export function ownerOf(topology: Topology, key: string): string {
  if (topology.model !== 'sharded' || !topology.shardCount) {
    throw new Error('ownerOf needs the sharded data model');
  }
  const shard = shardOf(key, topology.shardCount);
  return `${topology.statefulSet}-${shard}.${topology.peerDomain}`;
}
