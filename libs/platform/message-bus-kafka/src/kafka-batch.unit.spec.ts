// Our eachBatch glue against a stand-in for what kafkajs hands it, recording the calls made.
// A unit test of the glue: no broker is involved.
import type { KafkaMessage } from 'kafkajs';
import type { BusMessage } from '@pledgebook/message-bus';
import { TEST_EVENT_TYPE, testCloudEvent } from '@pledgebook/message-bus/testing';
import { handleBatch, type BatchControls } from './kafka-batch';

function record(offset: number): KafkaMessage {
  // Offsets from 100 up carry another type (for the `types` case).
  const event = { ...testCloudEvent('k', offset), ...(offset >= 100 ? { type: 'pledgebook.test.other-thing.v1' } : {}) };
  return { key: Buffer.from('k'), value: Buffer.from(JSON.stringify(event)), offset: String(offset), timestamp: '0', attributes: 0, headers: {} } as KafkaMessage;
}

function controls(offsets: number[], calls: string[], overrides: Partial<BatchControls> = {}): BatchControls {
  return {
    batch: { topic: 't', partition: 2, messages: offsets.map(record) },
    resolveOffset: (offset) => calls.push(`resolve ${offset}`),
    commitOffsetsIfNecessary: async (offsets) => {
      calls.push(`commit ${offsets?.topics.map((t) => t.partitions.map((p) => `${t.topic}/${p.partition}@${p.offset}`).join()).join()}`);
    },
    heartbeat: async () => {
      calls.push('heartbeat');
    },
    isRunning: () => true,
    isStale: () => false,
    ...overrides,
  };
}

const options = (overrides: Partial<{ stopping: () => boolean; maxBatch: number; types: ReadonlySet<string> }> = {}) => ({
  maxBatch: 100,
  heartbeatMs: 5,
  stopping: () => false,
  backoffMs: () => 10,
  ...overrides,
});
const handled = (calls: string[]) => async (batch: BusMessage[]) => {
  calls.push(`handle ${batch.map((m) => m.offset).join(',')}`);
};

describe('kafka eachBatch glue', () => {
  it('resolves the offset after the handler succeeds, then commits the next offset', async () => {
    const calls: string[] = [];
    await handleBatch(controls([7, 8, 9], calls), handled(calls), options());
    expect(calls.filter((c) => c !== 'heartbeat')).toEqual(['handle 7,8,9', 'resolve 9', 'commit t/2@10']);
  });

  it('resolves and commits each chunk of a large batch', async () => {
    const calls: string[] = [];
    await handleBatch(controls([0, 1, 2, 3, 4], calls), handled(calls), options({ maxBatch: 2 }));
    expect(calls.filter((c) => c !== 'heartbeat')).toEqual([
      'handle 0,1', 'resolve 1', 'commit t/2@2',
      'handle 2,3', 'resolve 3', 'commit t/2@4',
      'handle 4', 'resolve 4', 'commit t/2@5',
    ]);
  });

  it('hands over only the wanted types, and commits past a chunk with none of them', async () => {
    const calls: string[] = [];
    await handleBatch(controls([1, 100, 2, 101, 102], calls), handled(calls), options({ maxBatch: 3, types: new Set([TEST_EVENT_TYPE]) }));
    expect(calls.filter((c) => c !== 'heartbeat')).toEqual(['handle 1,2', 'resolve 2', 'commit t/2@3', 'resolve 102', 'commit t/2@103']);
  });

  it('commits to the end of a chunk past the other types after its last wanted one, and passes over a record without a value', async () => {
    const calls: string[] = [];
    const batch = controls([1, 2, 100, 3, 101, 102], calls);
    batch.batch.messages[4]!.value = null; // a tombstone
    await handleBatch(batch, handled(calls), options({ maxBatch: 3, types: new Set([TEST_EVENT_TYPE]) }));
    expect(calls.filter((c) => c !== 'heartbeat')).toEqual(['handle 1,2', 'resolve 100', 'commit t/2@101', 'handle 3', 'resolve 102', 'commit t/2@103']);
  });

  it('still commits a chunk that finished while the consumer was stopping', async () => {
    const calls: string[] = [];
    let running = true;
    await handleBatch(
      controls([5], calls, { isRunning: () => running }),
      async (batch) => {
        running = false; // the runner stopped during the handler (a graceful shutdown)
        await handled(calls)(batch);
      },
      options(),
    );
    expect(calls).toContain('commit t/2@6');
  });

  it('retries a failing handler, and stops retrying once a heartbeat fails (the partition may be reassigned)', async () => {
    const calls: string[] = [];
    const rebalancing = Object.assign(new Error('The group is rebalancing'), { type: 'REBALANCE_IN_PROGRESS' });
    let attempts = 0;
    const heartbeat = async () => {
      if (attempts >= 2) throw rebalancing;
    };
    const run = handleBatch(controls([1], calls, { heartbeat }), async () => {
      attempts += 1;
      throw new Error('handler fails');
    }, options());
    await expect(run).rejects.toBe(rebalancing);
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(calls.filter((c) => c.startsWith('resolve') || c.startsWith('commit'))).toEqual([]);
  });

  it('leaves a failing chunk uncommitted when the consumer stops', async () => {
    const calls: string[] = [];
    let stopping = false;
    await handleBatch(controls([1, 2], calls), async () => {
      stopping = true;
      throw new Error('handler fails');
    }, options({ stopping: () => stopping }));
    expect(calls.filter((c) => c.startsWith('resolve') || c.startsWith('commit'))).toEqual([]);
  });
});
