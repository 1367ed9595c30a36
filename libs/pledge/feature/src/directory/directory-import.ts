import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '@pledgebook/event-store';
import { EVENT_STORE, toNewEvents, type CommandMeta } from '@pledgebook/nest';
import { notFound, planDirectoryImport, type ImportRow } from '@pledgebook/pledge-domain';
import { directoryStream } from '../streams';
import { DirectoryRepository } from './directory.repository';

export class ImportDirectory {
  constructor(
    readonly bureauId: string,
    readonly rows: ImportRow[],
    readonly today: string,
    readonly meta: CommandMeta,
  ) {}
}

export interface ImportResult {
  revision: number;
  eventsAppended: number;
}

/** All or nothing: the whole plan is one append; a file with any problem appends nothing. */
@CommandHandler(ImportDirectory)
export class ImportDirectoryHandler implements ICommandHandler<ImportDirectory, ImportResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly directory: DirectoryRepository,
  ) {}

  async execute({ bureauId, rows, today, meta }: ImportDirectory): Promise<ImportResult> {
    const { state, revision } = await this.directory.load(bureauId);
    if (!state.exists) throw notFound('bureau', bureauId);
    const events = planDirectoryImport(state, rows, today);
    if (events.length === 0) return { revision, eventsAppended: 0 };
    const result = await this.events.append(directoryStream(bureauId), toNewEvents(events, meta, bureauId), { expectedRevision: revision });
    return { revision: result.nextExpectedRevision, eventsAppended: events.length };
  }
}
