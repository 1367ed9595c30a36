import { canonicalJson, sha256Hex } from '@pledgebook/util';
import { canonicalHashedContent, eventHash, GENESIS_HASH, hashedContent } from './hash-chain';

describe('canonical hashed content', () => {
  const cases = [
    { data: { b: 1, a: [1, { z: null, y: '王曉東 "quoted" \\ \n' }] }, metadata: { bureauId: 'b', actorId: 'a', extra: { k: 1.5 } } },
    { data: {}, metadata: { bureauId: 'b\u2028', actorId: '\u0001' } },
    { data: { amountFen: 2_000_000, ratio: 0.1, big: 1e21, neg: -0 }, metadata: { bureauId: 'x' } },
  ];

  it.each(cases)('equals RFC 8785 of the whole event (%#)', ({ data, metadata }) => {
    const event = {
      id: '018f0000-0000-7000-8000-00000000000a',
      stream: 'pledge-1',
      revision: 7,
      type: 'Progress"Recorded',
      schemaVersion: 2,
      data,
      metadata: metadata as never,
      recordedAt: '2026-05-01T00:00:00.000Z',
    };
    const assembled = canonicalHashedContent(event, canonicalJson(data), canonicalJson(metadata));
    expect(assembled).toBe(canonicalJson(hashedContent(event)));
    expect(sha256Hex(GENESIS_HASH + assembled)).toBe(eventHash(GENESIS_HASH, event));
  });
});
