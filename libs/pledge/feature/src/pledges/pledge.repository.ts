import { Inject, Injectable } from '@nestjs/common';
import { AggregateStreams, type EventStore } from '@pledgebook/event-store';
import { EVENT_STORE } from '@pledgebook/nest';
import { initialPledgeState, pledgeDecider, type PledgeCommand, type PledgeEvent, type PledgeState } from '@pledgebook/pledge-domain';
import { pledgeStream } from '../streams';

/** Pledge books on their streams: read (now or as of any moment) or changed through the one write path. */
@Injectable()
export class PledgeRepository extends AggregateStreams<PledgeCommand, PledgeEvent, PledgeState> {
  constructor(@Inject(EVENT_STORE) events: EventStore) {
    super(events, pledgeDecider, { stream: pledgeStream, initialState: (pledgeId) => ({ ...initialPledgeState(), pledgeId }) });
  }
}
