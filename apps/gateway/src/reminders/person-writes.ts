import { DeciderCommandHandler, type CommandResult, type EventMetadata, type EventStore } from '@pledgebook/event-store';
import { personDecider, type PersonCommand, type PersonEvent, type PersonState } from './domain/person';
import { personStream } from './streams';

/** The one write path for a person's reminders stream: load, decide, append with the expected revision. */
export class PersonWrites {
  private readonly handler: DeciderCommandHandler<PersonCommand, PersonEvent, PersonState>;

  constructor(events: EventStore) {
    this.handler = new DeciderCommandHandler(events, personDecider);
  }

  async load(bureauId: string, memberId: string): Promise<PersonState> {
    return (await this.handler.load(personStream(bureauId, memberId))).state;
  }

  async handle(bureauId: string, memberId: string, command: PersonCommand, metadata: EventMetadata, idempotencySeed?: string): Promise<CommandResult<PersonState, PersonEvent>> {
    return this.handler.handle({
      stream: personStream(bureauId, memberId),
      command,
      metadata,
      ...(idempotencySeed ? { idempotencySeed } : {}),
      // Facts, mail and the person's own clicks write here at once: decide again on the fresh stream.
      retryOnConflict: 5,
    });
  }
}
