import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '@pledgebook/event-store';
import { EVENT_STORE } from '@pledgebook/nest';
import { decideDirectory, type DirectoryCommand, type Role } from '@pledgebook/pledge-domain';
import { toNewEvents, type CommandMeta } from '@pledgebook/nest';
import { directoryStream } from '../streams';
import { DirectoryRepository } from './directory.repository';

export class ChangeDirectory {
  constructor(
    readonly bureauId: string,
    readonly command: DirectoryCommand,
    readonly meta: CommandMeta,
    readonly expectedRevision?: number,
  ) {}
}

export interface DirectoryChangeResult {
  revision: number;
  changed: boolean;
}

@CommandHandler(ChangeDirectory)
export class ChangeDirectoryHandler implements ICommandHandler<ChangeDirectory, DirectoryChangeResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly directory: DirectoryRepository,
  ) {}

  async execute({ bureauId, command, meta, expectedRevision }: ChangeDirectory): Promise<DirectoryChangeResult> {
    const { state, revision } = await this.directory.load(bureauId);
    // Commands whose rule names who may act get the actor the request was made by.
    const full: DirectoryCommand =
      command.type === 'SetGuidanceCategories' && !command.actor ? { ...command, actor: { memberId: meta.actorId, bureauId: meta.bureauId, roles: [meta.actorRole as Role] } } : command;
    const decided = decideDirectory(full, { ...state, bureauId: state.bureauId || bureauId });
    if (decided.length === 0) return { revision, changed: false };
    const result = await this.events.append(directoryStream(bureauId), toNewEvents(decided, meta, bureauId), {
      expectedRevision: expectedRevision ?? (revision < 0 ? 'no_stream' : revision),
    });
    return { revision: result.nextExpectedRevision, changed: !result.idempotent };
  }
}
