import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '@pledgebook/event-store';
import { BadInput, EVENT_STORE } from '@pledgebook/nest';
import { IMPORT_COLUMNS, notFound, planDirectoryImport, requireImportColumns, type ImportRow } from '@pledgebook/pledge-domain';
import { parse } from 'csv-parse/sync';
import { toNewEvents, type CommandMeta } from '@pledgebook/nest';
import { directoryStream } from '../streams';
import { DirectoryRepository } from './directory.repository';

/** Parses a directory CSV (header row, UTF-8, comma-separated) into rows with their line numbers. */
export function parseDirectoryCsv(text: string): ImportRow[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, bom: true, trim: true, skip_empty_lines: true, info: true, relax_column_count: false }) as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new BadInput([{ field: `line ${line ?? '?'}`, message: (error as Error).message }], 'the file is not valid CSV');
  }
  const header = records[0] ? Object.keys(records[0].record) : [];
  if (records.length === 0) throw new BadInput([{ field: 'body', message: 'the file has no rows' }]);
  requireImportColumns(header);
  return records.map(({ record, info }) => ({ line: info.lines, ...(Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, record[c] ?? ''])) as Omit<ImportRow, 'line'>) }));
}

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
