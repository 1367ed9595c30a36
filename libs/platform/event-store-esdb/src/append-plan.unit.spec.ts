import { DuplicateEventId, WrongExpectedRevision, type RecordedEvent } from '@pledgebook/event-store';
import { testMetadata } from '@pledgebook/event-store/testing';
import { earlierAppend, LostRace, repeatedAt, retryLostRaces } from './append-plan';

const recorded = (id: string, revision: number, stream = 's-1'): RecordedEvent => ({
  id,
  stream,
  revision,
  position: 1000 + revision,
  type: 'ThingHappened',
  schemaVersion: 1,
  data: {},
  metadata: testMetadata(),
  recordedAt: '2026-01-01T00:00:00.000Z',
  prevHash: '',
  hash: '',
});

describe('appending to EventStoreDB', () => {
  describe('a repeat of an earlier append', () => {
    it('is recognised where the expectation put it', () => {
      const placed = [recorded('a', 3), recorded('b', 4)];
      expect(repeatedAt(placed, ['a', 'b'], 2)).toEqual({ nextExpectedRevision: 4, position: 1004, idempotent: true });
      expect(repeatedAt(placed, ['a', 'b'], 'any')?.idempotent).toBe(true);
      expect(repeatedAt(placed, ['a', 'b'], 'stream_exists')?.idempotent).toBe(true);
      expect(repeatedAt(placed, ['a', 'b'], 5)).toBeUndefined();
      expect(repeatedAt(placed, ['a', 'b'], 'no_stream')).toBeUndefined();
      expect(repeatedAt(placed, ['b', 'a'], 2)).toBeUndefined();
    });

    it('is found behind later writes (a retry after a lost acknowledgement, then another writer)', () => {
      // The ids went in at 3–4; someone appended 5–6 since; the retry says 'any'.
      const found = [recorded('b', 4), recorded('a', 3)];
      expect(earlierAppend('s-1', found, ['a', 'b'], 'any', 6)).toEqual({ nextExpectedRevision: 4, position: 1004, idempotent: true });
      expect(earlierAppend('s-1', [], ['a', 'b'], 'any', 6)).toBeUndefined();
    });

    it('raises DuplicateEventId when the ids sit elsewhere than one consecutive append', () => {
      expect(() => earlierAppend('s-1', [recorded('a', 3), recorded('b', 7)], ['a', 'b'], 'any', 9)).toThrow(DuplicateEventId);
      expect(() => earlierAppend('s-1', [recorded('b', 4)], ['a', 'b'], 'any', 9)).toThrow(DuplicateEventId);
      expect(() => earlierAppend('s-1', [recorded('a', 3)], ['a', 'b'], 'any', 9)).toThrow(DuplicateEventId);
    });

    it('is a conflict when the earlier place does not meet this expectation', () => {
      expect(() => earlierAppend('s-1', [recorded('a', 0)], ['a'], 'stream_exists', 4)).toThrow(WrongExpectedRevision);
    });
  });

  describe('retries', () => {
    const conflict = new WrongExpectedRevision('s-1', 'stream_exists', 'no_stream');

    it('gives up at once when the expectation itself does not hold', async () => {
      let calls = 0;
      await expect(
        retryLostRaces(async () => {
          calls += 1;
          throw conflict;
        }, 5),
      ).rejects.toBe(conflict);
      expect(calls).toBe(1);
    });

    it('tries again after losing a race, and reports the conflict when the races run out', async () => {
      let calls = 0;
      expect(
        await retryLostRaces(async () => {
          calls += 1;
          if (calls < 3) throw new LostRace(conflict);
          return 'appended';
        }, 5),
      ).toBe('appended');
      expect(calls).toBe(3);
      calls = 0;
      await expect(
        retryLostRaces(async () => {
          calls += 1;
          throw new LostRace(conflict);
        }, 2),
      ).rejects.toBe(conflict);
      expect(calls).toBe(3);
    });
  });
});
