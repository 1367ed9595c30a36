import { deciderSpec } from '@pledgebook/util/testing';
import type { Actor } from '../shared/actor';
import type { EvidenceFile } from '../shared/evidence';
import type { MonthlyCheckCommand } from './commands';
import { monthlyCheckDecider } from './decider';
import type { CheckEntry } from './types';

const given = deciderSpec(monthlyCheckDecider.decide, monthlyCheckDecider.evolve, monthlyCheckDecider.initialState);
const AT = '2026-04-20T02:00:00.000Z';
const zhao: Actor = { memberId: 'zhao', bureauId: 'weihai', roles: ['member', 'group-leader'], groupId: 'group-1', branchId: 'branch-1' };
const scan: EvidenceFile = { sha256: 'c'.repeat(64), size: 120_000, mediaType: 'application/pdf', name: '学习笔记扫描件.pdf' };
const photo: EvidenceFile = { sha256: 'd'.repeat(64), size: 40_000, mediaType: 'image/jpeg', name: '走访照片.jpg' };
const entry = (attachments?: EvidenceFile[]): CheckEntry => ({ memberId: 'sun', note: '学习笔记齐全', items: [{ pledgeId: 'p-sun', itemNo: 1, status: 'done' }], ...(attachments ? { attachments } : {}) });
const record = (attachments?: EvidenceFile[]): MonthlyCheckCommand => ({
  type: 'RecordMonthlyCheck',
  actor: zhao,
  bureauId: 'weihai',
  branchId: 'branch-1',
  groupId: 'group-1',
  month: '2026-04',
  roster: [{ memberId: 'sun', items: [{ pledgeId: 'p-sun', itemNo: 1 }] }],
  entries: [entry(attachments)],
  at: AT,
});

describe('monthly check: photos and scans on a member’s entry', () => {
  it('keeps each file’s hash, size, type and name in the event, and in the state', () => {
    const [event] = monthlyCheckDecider.decide(record([scan, { ...photo, name: ' 走访照片.jpg ' }]), monthlyCheckDecider.initialState());
    expect(event!.type === 'MonthlyCheckRecorded' && event!.data.entries[0]!.attachments).toEqual([scan, photo]);
    const state = monthlyCheckDecider.evolve(monthlyCheckDecider.initialState(), event!);
    expect(state.entries.sun!.attachments).toEqual([scan, photo]);
  });

  it('leaves the entry as before without files', () => {
    const [event] = monthlyCheckDecider.decide(record([]), monthlyCheckDecider.initialState());
    expect(event!.type === 'MonthlyCheckRecorded' && 'attachments' in event!.data.entries[0]!).toBe(false);
  });

  it.each<[string, EvidenceFile[], string, string]>([
    ['a file twice', [scan, scan], 'repeated_attachment', 'entries/0/attachments/1/sha256'],
    ['a path for a name', [{ ...scan, name: '../../etc/passwd' }], 'invalid_attachment_name', 'entries/0/attachments/0/name'],
    ['a hash that is not one', [{ ...scan, sha256: 'xyz' }], 'invalid_attachment', 'entries/0/attachments/0/sha256'],
    ['eleven files', Array.from({ length: 11 }, (_, i) => ({ ...scan, sha256: i.toString(16).padStart(64, '0') })), 'too_many_attachments', 'entries/0/attachments'],
  ])('refuses %s', (_what, files, code, field) => {
    given([]).when(record(files)).thenFails(code, 'invalid', field);
  });
});
