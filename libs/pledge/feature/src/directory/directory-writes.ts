import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { etagFor, metaFromPrincipal, requestCorrelationId, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import { notFound, type DirectoryCommand, type DirectoryState } from '@pledgebook/pledge-domain';
import type { Response } from 'express';
import { ChangeDirectory, type DirectoryChangeResult } from './directory.commands';
import { DirectoryRepository } from './directory.repository';

/** What every directory route shares: run a command on a bureau's directory, or read it when it exists. */
@Injectable()
export class DirectoryWrites {
  constructor(
    private readonly commands: CommandBus,
    private readonly directory: DirectoryRepository,
  ) {}

  async run(bureauId: string, command: DirectoryCommand, p: Principal, req: AuthenticatedRequest, res: Response): Promise<DirectoryChangeResult> {
    const result: DirectoryChangeResult = await this.commands.execute(new ChangeDirectory(bureauId, command, metaFromPrincipal(p, requestCorrelationId(req), { bureauId })));
    res.setHeader('ETag', etagFor(result.revision));
    return result;
  }

  /** The bureau's directory, or 404 when no such bureau was registered. */
  async existing(bureauId: string): Promise<{ state: DirectoryState; revision: number }> {
    const loaded = await this.directory.load(bureauId);
    if (!loaded.state.exists) throw notFound('bureau', bureauId);
    return loaded;
  }
}
