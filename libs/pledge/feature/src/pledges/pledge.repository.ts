import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '@pledgebook/event-store';
import { EVENT_STORE } from '@pledgebook/nest';
import { foldPledge, initialPledgeState, type PledgeEvent, type PledgeState } from '@pledgebook/pledge-domain';
import { pledgeStream } from '../streams';

export interface LoadedPledge {
  state: PledgeState;
  revision: number;
  events: RecordedEvent[];
}

/** A pledge is always read from its own stream: current, or as of any moment. */
@Injectable()
export class PledgeRepository {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async load(pledgeId: string, asOf?: string): Promise<LoadedPledge> {
    const events = await this.events.readStream(pledgeStream(pledgeId), asOf ? { asOf } : {});
    const state = foldPledge(
      events.map((e) => ({ type: e.type, data: e.data }) as PledgeEvent),
      { ...initialPledgeState(), pledgeId },
    );
    return { state, revision: events.length - 1, events };
  }
}
