import { PledgebookError } from '@pledgebook/util';
import type { ExpectedRevision } from './types';

export type ActualRevision = number | 'no_stream';

/** The stream was not in the state the writer expected: someone else wrote first. */
export class WrongExpectedRevision extends PledgebookError {
  readonly code = 'wrong_expected_revision';

  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: ActualRevision,
  ) {
    super(`stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`, { stream, expected, actual });
  }
}

/** An event id is already recorded somewhere other than where this append would put it. */
export class DuplicateEventId extends PledgebookError {
  readonly code = 'duplicate_event_id';

  constructor(readonly eventId: string, readonly existingStream: string, readonly existingRevision: number) {
    super(`event ${eventId} is already recorded as ${existingStream}@${existingRevision}`, {
      eventId,
      existingStream,
      existingRevision,
    });
  }
}

/** The append itself is malformed (empty type, bad id, data that is not JSON...). */
export class InvalidAppend extends PledgebookError {
  readonly code = 'invalid_append';
}
