import { Inject, Injectable } from '@nestjs/common';
import { DeciderCommandHandler, type CommandResult, type Decider, type DomainEvent, type EventStore, type HandleCommand, type LoadedStream } from '@pledgebook/event-store';
import { EVENT_STORE } from '@pledgebook/nest';
import { streamOf, type AggregateKind } from '../streams';
import { DECIDERS, type CommandOf, type EventOf, type StateOf } from './aggregates';

type AnyHandler = DeciderCommandHandler<unknown, DomainEvent, unknown>;

/** The context's aggregates on their streams: read one, or decide on one through the one write path. */
@Injectable()
export class AppraisalStreams {
  private readonly handlers = new Map<AggregateKind, AnyHandler>();

  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {
    for (const [kind, decider] of Object.entries(DECIDERS)) {
      this.handlers.set(kind as AggregateKind, new DeciderCommandHandler(events, decider as unknown as Decider<unknown, DomainEvent, unknown>));
    }
  }

  private handler<K extends AggregateKind>(kind: K): DeciderCommandHandler<CommandOf<K>, EventOf<K> & DomainEvent, StateOf<K>> {
    return this.handlers.get(kind) as unknown as DeciderCommandHandler<CommandOf<K>, EventOf<K> & DomainEvent, StateOf<K>>;
  }

  load<K extends AggregateKind>(kind: K, aggregateId: string, asOf?: string): Promise<LoadedStream<StateOf<K>>> {
    return this.handler(kind).load(streamOf(kind, aggregateId), asOf ? { asOf } : {});
  }

  handle<K extends AggregateKind>(kind: K, aggregateId: string, request: Omit<HandleCommand<CommandOf<K>, StateOf<K>>, 'stream'>): Promise<CommandResult<StateOf<K>, EventOf<K> & DomainEvent>> {
    return this.handler(kind).handle({ ...request, stream: streamOf(kind, aggregateId) });
  }

  /** The stream's revision (undefined when it does not exist): a cheap check whether a cached fold is current. */
  revision(kind: AggregateKind, aggregateId: string): Promise<number | undefined> {
    return this.events.streamRevision(streamOf(kind, aggregateId));
  }
}
