import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { IdempotencyInterceptor } from '@pledgebook/nest';
import { ChangeDirectoryHandler } from './directory/directory.commands';
import { ImportDirectoryHandler } from './directory/directory-import';
import { DirectoryRepository } from './directory/directory.repository';
import { BoardsController } from './http/boards.controller';
import { DirectoryController } from './http/directory.controller';
import { PledgesController } from './http/pledges.controller';
import { ProgrammeController } from './http/programme.controller';
import { PledgeRuntime } from './pledge-runtime';
import { ChangePledgeHandler, DraftPledgeHandler } from './pledges/pledge.commands';
import { PledgeRepository } from './pledges/pledge.repository';

const handlers = [ChangeDirectoryHandler, ImportDirectoryHandler, DraftPledgeHandler, ChangePledgeHandler];

/** The pledge context: directory, pledge books, fulfilment, history — HTTP, handlers, projections, relay. */
@Module({
  imports: [CqrsModule],
  controllers: [PledgesController, DirectoryController, BoardsController, ProgrammeController],
  providers: [...handlers, DirectoryRepository, PledgeRepository, PledgeRuntime, IdempotencyInterceptor],
})
export class PledgeFeatureModule {}
