import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BUREAU_HIERARCHY, IdempotencyInterceptor, type BureauHierarchy } from '@pledgebook/nest';
import { ChangeDirectoryHandler } from './directory/directory.commands';
import { ImportDirectoryHandler } from './directory/directory-import';
import { BureausController } from './directory/bureaus.controller';
import { DirectoryImportController } from './directory/directory-import.controller';
import { DirectoryRepository } from './directory/directory.repository';
import { DirectoryWrites } from './directory/directory-writes';
import { MembersController } from './directory/members.controller';
import { OrgUnitsController } from './directory/org-units.controller';
import { YearSettingsController } from './directory/year-settings.controller';
import { PledgeEvidenceController } from './evidence/pledge-evidence.controller';
import { BoardsController } from './http/boards.controller';
import { ProgrammeController } from './http/programme.controller';
import { PledgeRuntime } from './pledge-runtime';
import { ChangePledgeHandler, DraftPledgeHandler } from './pledges/pledge.commands';
import { PledgeBooksController } from './pledges/pledge-books.controller';
import { PledgeChangesController } from './pledges/pledge-changes.controller';
import { PledgeRecordController } from './pledges/pledge-record.controller';
import { PledgeRepository } from './pledges/pledge.repository';
import { ReadablePledges } from './pledges/readable-pledges';

const handlers = [ChangeDirectoryHandler, ImportDirectoryHandler, DraftPledgeHandler, ChangePledgeHandler];

/** The pledge context: directory, pledge books, fulfilment, history — HTTP, handlers, projections, relay. */
@Module({
  imports: [CqrsModule],
  controllers: [PledgeBooksController, PledgeChangesController, PledgeRecordController, PledgeEvidenceController, BureausController, OrgUnitsController, MembersController, YearSettingsController, DirectoryImportController, BoardsController, ProgrammeController],
  providers: [
    ...handlers,
    DirectoryRepository,
    DirectoryWrites,
    PledgeRepository,
    ReadablePledges,
    PledgeRuntime,
    IdempotencyInterceptor,
    { provide: BUREAU_HIERARCHY, useFactory: (directory: DirectoryRepository): BureauHierarchy => ({ ancestorsOf: (id) => directory.ancestors(id) }), inject: [DirectoryRepository] },
  ],
})
export class PledgeFeatureModule {}
