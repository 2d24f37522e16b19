import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ownerOf, shardOf, topologyFromEnv } from './topology.ts';

const base = {
  POD_NAMESPACE: 'orders',
  PEER_SERVICE: 'orders-headless',
};

describe('single writer with read replicas', () => {
  it('makes pod 0 the writer, and every other pod a replica that copies from it', () => {
    const writer = topologyFromEnv({ ...base, DATA_MODEL: 'single-writer', POD_NAME: 'orders-0' });
    assert.equal(writer.role, 'writer');
    assert.equal(writer.self, 'orders-0.orders-headless.orders.svc');

    const replica = topologyFromEnv({ ...base, DATA_MODEL: 'single-writer', POD_NAME: 'orders-2' });
    assert.equal(replica.role, 'read-replica');
    assert.equal(replica.ordinal, 2);
    assert.equal(replica.writer, 'orders-0.orders-headless.orders.svc');
  });
});

describe('sharded', () => {
  const env = { ...base, DATA_MODEL: 'sharded', SHARD_COUNT: '3' };

  it('gives every key to one shard, the same on every pod', () => {
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[shardOf(`parcel-${i}`, 3)]++;
    // Spread over all shards, none starved.
    for (const count of counts) assert.ok(count > 800, String(counts));

    const one = topologyFromEnv({ ...env, POD_NAME: 'orders-0' });
    const other = topologyFromEnv({ ...env, POD_NAME: 'orders-2' });
    assert.equal(ownerOf(one, 'parcel-7'), ownerOf(other, 'parcel-7'));
    assert.match(ownerOf(one, 'parcel-7'), /^orders-[0-2]\.orders-headless\.orders\.svc$/);
  });

  it('refuses to start a pod outside SHARD_COUNT: the replicas changed without moving data', () => {
    assert.throws(
      () => topologyFromEnv({ ...env, POD_NAME: 'orders-3' }),
      /ordinal 3, outside SHARD_COUNT 3/,
    );
  });
});

describe('bad settings', () => {
  it('name the setting that is wrong', () => {
    assert.throws(() => topologyFromEnv({ ...base, POD_NAME: 'orders-0' }), /DATA_MODEL must be set/);
    assert.throws(
      () => topologyFromEnv({ ...base, DATA_MODEL: 'multi-master', POD_NAME: 'orders-0' }),
      /DATA_MODEL must be single-writer or sharded, not "multi-master"/,
    );
    assert.throws(
      () => topologyFromEnv({ ...base, DATA_MODEL: 'sharded', POD_NAME: 'orders' }),
      /POD_NAME must be a StatefulSet pod name/,
    );
    assert.throws(
      () => topologyFromEnv({ ...base, DATA_MODEL: 'sharded', SHARD_COUNT: 'two', POD_NAME: 'orders-0' }),
      /SHARD_COUNT must be a whole number/,
    );
  });
});
