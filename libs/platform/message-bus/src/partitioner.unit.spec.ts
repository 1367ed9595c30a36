import { murmur2, partitionFor } from './partitioner';

describe('Kafka-compatible partitioner', () => {
  // Reference values from Kafka's own Utils.murmur2 tests (DefaultPartitionerTest / UtilsTest).
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('hashes %s like Kafka', (key, expected) => {
    expect(murmur2(key)).toBe(expected);
  });

  it('spreads keys over partitions and keeps a key in one place', () => {
    const counts = new Array(4).fill(0);
    for (let i = 0; i < 4000; i++) counts[partitionFor(`pledge-${i}`, 4)] += 1;
    for (const count of counts) expect(count).toBeGreaterThan(800);
    expect(partitionFor('pledge-7', 4)).toBe(partitionFor('pledge-7', 4));
  });
});
