import { DomainError } from '../errors';
import { evolveDirectory } from './evolve';
import { ImportRejected, IMPORT_COLUMNS, planDirectoryImport, type ImportRow } from './import-plan';
import { initialDirectoryState, type DirectoryState } from './types';

const registered = evolveDirectory(initialDirectoryState(), { type: 'BureauRegistered', data: { bureauId: 'b1', name: 'x' } });
const row = (line: number, values: Partial<ImportRow>): ImportRow => ({ ...(Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, ''])) as Record<(typeof IMPORT_COLUMNS)[number], string>), line, ...values });
const file = [
  row(2, { record: 'member', key: 'm1', name: '王曉東', partyStatus: 'full', group: 'g1', roles: 'member;group-leader' }),
  row(3, { record: 'unit', key: 'br1', name: '機關黨支部', type: 'party-branch' }),
  row(4, { record: 'unit', key: 'g1', name: '第一黨小組', type: 'party-group', parent: 'br1' }),
  row(5, { record: 'unit', key: 'g2', name: '第二黨小組', type: 'party-group', parent: 'br1' }),
  row(6, { record: 'member', key: 'm2', name: '張強', partyStatus: 'non-party' }),
];
const apply = (state: DirectoryState, rows: ImportRow[]) => planDirectoryImport(state, rows, '2026-03-01').reduce(evolveDirectory, state);

describe('directory import plan', () => {
  it('creates units before members, whatever the order in the file', () => {
    const events = planDirectoryImport(registered, file, '2026-03-01');
    expect(events.map((e) => e.type)).toEqual(['OrgUnitAdded', 'OrgUnitAdded', 'OrgUnitAdded', 'MemberAdded', 'MemberAdded']);
    expect(events[3]).toMatchObject({ data: { memberId: 'm1', branchId: 'br1', groupId: 'g1', roles: ['member', 'group-leader'] } });
  });

  it('yields nothing when the same file is imported again, and moves a member whose group changed', () => {
    const once = apply(registered, file);
    expect(planDirectoryImport(once, file, '2026-03-02')).toEqual([]);
    const moved = file.map((r) => (r.key === 'm1' ? { ...r, group: 'g2' } : r));
    expect(planDirectoryImport(once, moved, '2026-03-02')).toEqual([
      { type: 'MemberMoved', data: { memberId: 'm1', fromGroupId: 'g1', toGroupId: 'g2', branchId: 'br1', effectiveOn: '2026-03-02' } },
    ]);
  });

  it('moves a member before updating, so non-party staff who join the party in the file get their branch first', () => {
    const once = apply(registered, file);
    const joined = file.map((r) => (r.key === 'm2' ? { ...r, partyStatus: 'probationary', group: 'g2' } : r));
    expect(planDirectoryImport(once, joined, '2026-03-02')).toEqual([
      { type: 'MemberMoved', data: { memberId: 'm2', fromGroupId: undefined, toGroupId: 'g2', branchId: 'br1', effectiveOn: '2026-03-02' } },
      { type: 'MemberUpdated', data: { memberId: 'm2', name: '張強', partyStatus: 'probationary', roles: ['member'] } },
    ]);
    const stillOutside = file.map((r) => (r.key === 'm2' ? { ...r, partyStatus: 'full' } : r));
    expect(() => planDirectoryImport(once, stillOutside, '2026-03-02')).toThrow(ImportRejected);
  });

  it('rejects the whole file, listing every problem by line and column', () => {
    const bad = [
      ...file,
      row(7, { record: 'member', key: 'm3', name: '李', partyStatus: 'retired' }),
      row(8, { record: 'member', key: 'm4', name: '趙', partyStatus: 'full', group: 'g9' }),
      row(9, { record: 'unit', key: 'u 1', name: 'x', type: 'department' }),
      row(10, { record: 'member', key: 'm5', name: '孫', partyStatus: 'full', group: 'g1', roles: 'member;king' }),
      row(11, { record: 'unit', key: 'g3', name: 'x', type: 'party-group', parent: 'nowhere' }),
    ];
    let error: unknown;
    try {
      planDirectoryImport(registered, bad, '2026-03-01');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportRejected);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as ImportRejected).problems.map((p) => `${p.line}:${p.column}`)).toEqual(['7:partyStatus', '8:group', '9:key', '10:roles', '11:parent']);
  });

  it('refuses to change an existing unit through an import', () => {
    const once = apply(registered, file);
    expect(() => planDirectoryImport(once, [row(3, { record: 'unit', key: 'br1', name: '改名', type: 'party-branch' })], '2026-03-01')).toThrow(ImportRejected);
  });
});
