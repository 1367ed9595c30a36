import { eventHash, GENESIS_HASH } from '@pledgebook/event-store';
import { testMetadata } from '@pledgebook/event-store/testing';
import { CHAIN_KEY, fromEsdb, isOwnEvent, toEsdbMetadata } from './esdb-mapping';

describe('EventStoreDB mapping', () => {
  it('round-trips chain fields through event metadata so the chain verifies', () => {
    const base = {
      id: '018f0000-0000-7000-8000-000000000001',
      stream: 'pledge-1',
      revision: 0,
      type: 'PledgeDrafted',
      schemaVersion: 2,
      data: { year: 2026 },
      metadata: testMetadata(),
      recordedAt: '2026-01-01T00:00:00.000Z',
    };
    const hash = eventHash(GENESIS_HASH, base);
    const mapped = fromEsdb({
      streamId: base.stream,
      id: base.id,
      revision: 0n,
      type: base.type,
      data: base.data,
      metadata: toEsdbMetadata(base.metadata, { recordedAt: base.recordedAt, schemaVersion: 2, prevHash: GENESIS_HASH, hash }),
      position: { commit: 120n, prepare: 100n },
    });
    expect(mapped).toMatchObject({ ...base, position: 100, prevHash: GENESIS_HASH, hash });
    expect(mapped.metadata).not.toHaveProperty(CHAIN_KEY);
    expect(eventHash(mapped.prevHash, mapped)).toBe(mapped.hash);
  });

  it('leaves out system and checkpoint streams', () => {
    expect(isOwnEvent({ streamId: '$stats-1', type: 'x' })).toBe(false);
    expect(isOwnEvent({ streamId: 'a', type: '$metadata' })).toBe(false);
    expect(isOwnEvent({ streamId: '_checkpoint-relay', type: 'CheckpointStored' })).toBe(false);
    expect(isOwnEvent({ streamId: 'pledge-1', type: 'PledgeDrafted' })).toBe(true);
  });
});
