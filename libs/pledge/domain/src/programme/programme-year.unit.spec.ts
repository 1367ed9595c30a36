import type { Actor } from '../actor';
import { decideDirectory } from '../directory/decide';
import type { DirectoryCommand } from '../directory/commands';
import type { DirectoryEvent } from '../directory/events';
import { evolveDirectory } from '../directory/evolve';
import { initialDirectoryState } from '../directory/types';
import type { DraftContext, PledgeCommand } from '../pledge/commands';
import { decidePledge } from '../pledge/decide';
import type { PledgeEvent } from '../pledge/events';
import { evolvePledge } from '../pledge/evolve';
import { initialPledgeState, type PledgeState } from '../pledge/state';
import { deciderSpec } from '../testing';
import { isYearOpen, openYearsAt, programmeYearOf, type ProgrammeYears } from './programme-year';

const directory = deciderSpec<ReturnType<typeof initialDirectoryState>, DirectoryCommand, DirectoryEvent>(decideDirectory, evolveDirectory, initialDirectoryState);
const pledges = deciderSpec<PledgeState, PledgeCommand, PledgeEvent>(decidePledge, evolvePledge, initialPledgeState);

const registered: DirectoryEvent = { type: 'BureauRegistered', data: { bureauId: 'b1', name: '威海市統計局' } };
const IN_2026 = '2026-11-29T03:00:00.000Z';
const none: ProgrammeYears = { openedYears: [], lateEntryYears: [], closedYears: [] };
const wang: Actor = { memberId: 'm1', bureauId: 'b1', roles: ['member'] };
const context: DraftContext = { members: { m1: { branchId: 'br1', groupId: 'g1' } }, guidanceCategories: ['student-aid'], years: none };
const items = [
  { kind: 'common' as const, area: 'theory-study' as const, text: '讀書', target: '12本' },
  { kind: 'position' as const, text: '全省一流', target: '前三', benchmark: true },
];
const draft = (year: number, years = none, at = IN_2026): PledgeCommand => ({
  type: 'DraftPledge',
  pledgeId: 'p1',
  actor: wang,
  at,
  year,
  pledger: { type: 'individual', memberIds: ['m1'] },
  items,
  context: { ...context, years },
});

describe('the programme year (issue rule 13)', () => {
  it('is the year in China Standard Time at the command’s time', () => {
    expect(programmeYearOf('2026-12-31T15:59:59.000Z')).toBe(2026);
    expect(programmeYearOf('2026-12-31T16:00:00.000Z')).toBe(2027);
    expect(programmeYearOf('2027-01-01T00:00:00+08:00')).toBe(2027);
    expect(() => programmeYearOf('yesterday')).toThrow('not an ISO time');
  });

  it('is open for drafting when current; next year once opened; last year only when opened for late entry', () => {
    expect(openYearsAt(none, IN_2026)).toEqual([2026]);
    expect(isYearOpen({ ...none, openedYears: [2027] }, 2027, IN_2026)).toBe(true);
    expect(isYearOpen({ ...none, lateEntryYears: [2025] }, 2025, IN_2026)).toBe(true);
    // A year opened ahead stays the year it was: once past, it is not open for late entry.
    expect(isYearOpen({ ...none, openedYears: [2025] }, 2025, IN_2026)).toBe(false);
    expect(isYearOpen({ ...none, openedYears: [2028] }, 2028, IN_2026)).toBe(false);
    expect(isYearOpen({ ...none, closedYears: [2026] }, 2026, IN_2026)).toBe(false);
  });
});

describe('opening a year (OpenYear)', () => {
  it('opens next year, or last year for late entry, once', () => {
    directory([registered]).when({ type: 'OpenYear', year: 2027, at: IN_2026 }).then([{ type: 'YearOpened', data: { year: 2027 } }]);
    directory([registered, { type: 'YearOpened', data: { year: 2027 } }]).when({ type: 'OpenYear', year: 2027, at: IN_2026 }).then([]);
    directory([registered]).when({ type: 'OpenYear', year: 2025, at: IN_2026 }).then([{ type: 'YearOpened', data: { year: 2025, lateEntry: true } }]);
    directory([registered]).when({ type: 'OpenYear', year: 2026, at: IN_2026 }).then([]);
  });

  it('refuses a year further away (422 naming the field) and a closed year (409)', () => {
    const error = directory([registered]).when({ type: 'OpenYear', year: 2032, at: IN_2026 }).thenFails('year_not_openable', 'invalid', 'year');
    expect(error.details.currentYear).toBe(2026);
    directory([registered]).when({ type: 'OpenYear', year: 2024, at: IN_2026 }).thenFails('year_not_openable', 'invalid', 'year');
    directory([registered, { type: 'YearClosed', data: { year: 2025 } }]).when({ type: 'OpenYear', year: 2025, at: IN_2026 }).thenFails('year_closed', 'conflict');
    directory([]).when({ type: 'OpenYear', year: 2027, at: IN_2026 }).thenFails('bureau_not_found', 'not_found');
  });
});

describe('drafting needs an open year', () => {
  it('drafts for the current year', () => {
    expect(decidePledge(draft(2026), initialPledgeState())[0]).toMatchObject({ type: 'PledgeDrafted', data: { year: 2026 } });
  });

  it('refuses next year until the bureau opens it, and any year further away', () => {
    const error = pledges([]).when(draft(2027)).thenFails('year_not_open', 'invalid', 'year');
    expect(error.details.currentYear).toBe(2026);
    expect(decidePledge(draft(2027, { ...none, openedYears: [2027] }), initialPledgeState())).toHaveLength(1);
    pledges([]).when(draft(2032, { ...none, openedYears: [2032] })).thenFails('year_not_open', 'invalid', 'year');
  });

  it('refuses last year unless opened for late entry, and a closed year with 409', () => {
    pledges([]).when(draft(2025)).thenFails('year_not_open', 'invalid', 'year');
    expect(decidePledge(draft(2025, { ...none, lateEntryYears: [2025] }), initialPledgeState())).toHaveLength(1);
    pledges([]).when(draft(2025, { ...none, lateEntryYears: [2025], closedYears: [2025] })).thenFails('year_closed', 'conflict');
  });

  it('takes the current year from the command’s time, in the programme’s calendar', () => {
    expect(decidePledge(draft(2027, none, '2026-12-31T16:30:00.000Z'), initialPledgeState())).toHaveLength(1);
    pledges([]).when(draft(2027, none, '2026-12-31T15:30:00.000Z')).thenFails('year_not_open');
  });
});
