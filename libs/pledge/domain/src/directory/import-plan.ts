import { ROLES, type Role } from '../actor';
import { DomainError, invalid } from '../errors';
import type { DirectoryCommand } from './commands';
import { decideDirectory } from './decide';
import type { DirectoryEvent } from './events';
import { evolveDirectory } from './evolve';
import { ORG_UNIT_TYPES, PARTY_STATUSES, type DirectoryState, type OrgUnitType, type PartyStatus } from './types';

/** The columns of a directory CSV, in order. */
export const IMPORT_COLUMNS = ['record', 'key', 'name', 'type', 'parent', 'partyStatus', 'branch', 'group', 'department', 'roles'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export type ImportRow = { line: number } & Record<ImportColumn, string>;

export interface ImportProblem {
  line: number;
  column: ImportColumn;
  message: string;
}

/** The file breaks rules: nothing is imported; every problem is listed by line and column. */
export class ImportRejected extends DomainError {
  constructor(readonly problems: ImportProblem[]) {
    super('import_rejected', 'invalid', `the file has ${problems.length} problem(s); nothing was imported`, { problems });
  }
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
const FIELD_COLUMN: Record<string, ImportColumn> = {
  name: 'name', parentId: 'parent', branchId: 'branch', groupId: 'group', departmentId: 'department', toGroupId: 'group', orgUnitId: 'key', memberId: 'key',
};

/**
 * Turns a whole-bureau CSV into directory events against the current state: units (parents
 * first), then members. Existing units must match; existing members are updated and moved as
 * needed, so importing the same file again yields no events. Any problem rejects the file whole.
 */
export function planDirectoryImport(state: DirectoryState, rows: readonly ImportRow[], today: string): DirectoryEvent[] {
  const problems: ImportProblem[] = [];
  let working = state;
  const events: DirectoryEvent[] = [];
  const apply = (row: ImportRow, command: DirectoryCommand) => {
    try {
      const decided = decideDirectory(command, working);
      for (const event of decided) working = evolveDirectory(working, event);
      events.push(...decided);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const field = typeof error.details.field === 'string' ? error.details.field : undefined;
      const column = (field && FIELD_COLUMN[field]) || (error.code.includes('not_found') ? guessColumn(row, String(error.details.id ?? '')) : 'key');
      problems.push({ line: row.line, column, message: error.message });
    }
  };
  const ordered = [...rows.filter((r) => r.record === 'unit'), ...rows.filter((r) => r.record === 'member')];
  const seen = new Set<string>();
  for (const row of rows) {
    if (row.record !== 'unit' && row.record !== 'member') problems.push({ line: row.line, column: 'record', message: 'record must be unit or member' });
    if (!KEY.test(row.key)) problems.push({ line: row.line, column: 'key', message: 'key: letters, digits, - and _ (up to 100)' });
    else if (seen.has(`${row.record}:${row.key}`)) problems.push({ line: row.line, column: 'key', message: `${row.key} appears twice` });
    seen.add(`${row.record}:${row.key}`);
  }
  for (const row of ordered) {
    if (!KEY.test(row.key)) continue;
    if (row.record === 'unit') {
      if (!(ORG_UNIT_TYPES as readonly string[]).includes(row.type)) {
        problems.push({ line: row.line, column: 'type', message: `type must be one of ${ORG_UNIT_TYPES.join(', ')}` });
        continue;
      }
      const existing = working.units[row.key];
      if (existing) {
        if (existing.type !== row.type || existing.name !== row.name.trim() || (existing.parentId ?? '') !== row.parent) {
          problems.push({ line: row.line, column: 'key', message: `org unit ${row.key} exists with another type, name or parent` });
        }
        continue;
      }
      apply(row, { type: 'AddOrgUnit', orgUnitId: row.key, unitType: row.type as OrgUnitType, name: row.name, ...(row.parent ? { parentId: row.parent } : {}) });
    } else if (row.record === 'member') {
      if (!(PARTY_STATUSES as readonly string[]).includes(row.partyStatus)) {
        problems.push({ line: row.line, column: 'partyStatus', message: `partyStatus must be one of ${PARTY_STATUSES.join(', ')}` });
        continue;
      }
      const roles = row.roles.split(';').map((r) => r.trim()).filter(Boolean);
      const badRole = roles.find((r) => !(ROLES as readonly string[]).includes(r));
      if (badRole) {
        problems.push({ line: row.line, column: 'roles', message: `unknown role ${badRole}` });
        continue;
      }
      const common = { name: row.name, partyStatus: row.partyStatus as PartyStatus, ...(row.department ? { departmentId: row.department } : {}), roles: (roles.length ? roles : ['member']) as Role[] };
      const existing = working.members[row.key];
      if (!existing) {
        apply(row, { type: 'AddMember', memberId: row.key, ...common, ...(row.branch ? { branchId: row.branch } : {}), ...(row.group ? { groupId: row.group } : {}), joinedOn: today });
      } else {
        // Move first: a member who joins the party in this file needs the branch the move gives.
        if (row.group && existing.groupId !== row.group) apply(row, { type: 'MoveMember', memberId: row.key, toGroupId: row.group, effectiveOn: today });
        apply(row, { type: 'UpdateMember', memberId: row.key, ...common });
      }
    }
  }
  if (problems.length > 0) throw new ImportRejected(problems.sort((a, b) => a.line - b.line));
  return events;
}

function guessColumn(row: ImportRow, id: string): ImportColumn {
  for (const column of ['parent', 'group', 'branch', 'department'] as const) if (id && row[column] === id) return column;
  return 'key';
}

export function requireImportColumns(header: readonly string[]): void {
  const missing = IMPORT_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw invalid('missing_columns', `the header lacks: ${missing.join(', ')}`, { field: 'header', missing });
}
