import { partitionFor } from '@pledgebook/message-bus';
import { consumerLag, keyPartitioner, RetriedConnection, type LagAdmin } from './kafka-admin';

describe('kafka producer and admin glue', () => {
  it('partitions keys as the embedded bus does (Java murmur2)', () => {
    const partition = keyPartitioner();
    const partitionMetadata = Array.from({ length: 4 }, (_, partitionId) => ({ partitionId, leader: 0, replicas: [0], isr: [0], partitionErrorCode: 0 }));
    for (const key of ['pledge-1', 'pledge-2', 'bureau-weihai|wang', '王曉東', 'review-018f0000-0000-7000-8000-000000000001']) {
      expect(partition({ topic: 't', partitionMetadata, message: { key, value: 'x' } })).toBe(partitionFor(key, 4));
    }
  });

  it('reports no lag for a topic not created yet, without asking for its offsets', async () => {
    const asked: string[] = [];
    const admin = {
      listTopics: async () => ['other'],
      fetchTopicOffsets: async () => {
        asked.push('offsets');
        throw new Error('This server does not host this topic-partition');
      },
      fetchOffsets: async () => [],
    } as unknown as LagAdmin;
    expect(await consumerLag(admin, 'g', 'pledgebook.pledge.v1')).toBe(0);
    expect(asked).toEqual([]);
  });

  it('sums what the group has not committed; a partition it never committed counts from its low mark', async () => {
    const admin = {
      listTopics: async () => ['t'],
      fetchTopicOffsets: async () => [
        { partition: 0, offset: '10', high: '10', low: '0' },
        { partition: 1, offset: '5', high: '5', low: '2' },
      ],
      fetchOffsets: async () => [{ topic: 't', partitions: [{ partition: 0, offset: '7' }, { partition: 1, offset: '-1' }] }],
    } as unknown as LagAdmin;
    expect(await consumerLag(admin, 'g', 't')).toBe(3 + 3);
  });

  it('connects again on the next use after a failed connection', async () => {
    let attempts = 0;
    const connection = new RetriedConnection(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('ECONNREFUSED');
    });
    expect(connection.started).toBe(false);
    await expect(connection.ready()).rejects.toThrow('ECONNREFUSED');
    await expect(connection.ready()).resolves.toBeUndefined();
    await connection.ready();
    expect(attempts).toBe(2);
    expect(connection.started).toBe(true);
  });
});
