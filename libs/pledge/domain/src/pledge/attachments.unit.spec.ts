import type { Actor } from '../actor';
import { deciderSpec } from '../testing';
import type { PledgeCommand } from './commands';
import { decidePledge } from './decide';
import type { PledgeEvent } from './events';
import { evolvePledge } from './evolve';
import { initialPledgeState, type PledgeState } from './state';
import type { EvidenceFile } from './types';

const given = deciderSpec<PledgeState, PledgeCommand, PledgeEvent>(decidePledge, evolvePledge, initialPledgeState);

const wang: Actor = { memberId: 'm1', bureauId: 'b1', roles: ['member'] };
const pledger = { type: 'individual' as const, memberIds: ['m1'] };
const items = [{ no: 1, kind: 'deed' as const, text: '資助一名貧困學生', target: '全年2000元', category: 'student-aid' }];
const live: PledgeEvent[] = [
  { type: 'PledgeDrafted', data: { pledgeId: 'p1', bureauId: 'b1', year: 2026, pledger, branchId: 'br1', groupId: 'g1', items } },
  { type: 'PledgeSubmitted', data: { pledgeId: 'p1', bureauId: 'b1', year: 2026, round: 1, pledger, branchId: 'br1', groupId: 'g1', items } },
  { type: 'PledgeApproved', data: { pledgeId: 'p1', reviewId: 'r1', round: 1, decidedBy: 'm9', approvedAt: '2026-02-01T00:00:00.000Z' } },
  { type: 'PledgePublished', data: { pledgeId: 'p1', publicationId: 'pub1', publishedBy: 'm9', publishedAt: '2026-02-10T00:00:00.000Z' } },
];
const photo: EvidenceFile = { sha256: 'a'.repeat(64), size: 20_480, mediaType: 'image/jpeg', name: '送學費.jpg' };
const receipt: EvidenceFile = { sha256: 'b'.repeat(64), size: 90_000, mediaType: 'application/pdf', name: 'receipt.pdf' };
const progress = (attachments?: EvidenceFile[]): PledgeCommand => ({
  type: 'RecordProgress',
  actor: wang,
  recordId: 'rec1',
  at: '2026-05-20T08:00:00.000Z',
  record: { itemNo: 1, recordedOn: '2026-05-12', narrative: '送去學費', evidence: [], amountFen: 100000, ...(attachments ? { attachments } : {}) },
});
const recorded = (extra: Record<string, unknown> = {}): PledgeEvent => ({
  type: 'ProgressRecorded',
  data: { pledgeId: 'p1', recordId: 'rec1', itemNo: 1, recordedOn: '2026-05-12', narrative: '送去學費', evidence: [], amountFen: 100000, recordedBy: 'm1', recordedAt: '2026-05-20T08:00:00.000Z', ...extra },
});

describe('pledge decider: evidence files on a fulfilment record', () => {
  it('records each file’s hash, size, type and name in the event (so the hash chain covers the files)', () => {
    given(live).when(progress([photo, { ...receipt, name: ' receipt.pdf ' }])).then([recorded({ attachments: [photo, receipt] })]);
  });

  it('leaves the event as before when no file is attached', () => {
    given(live).when(progress()).then([recorded()]);
    given(live).when(progress([])).then([recorded()]);
  });

  it('keeps the files on the record in the state', () => {
    const state = [...live, recorded({ attachments: [photo] })].reduce(evolvePledge, initialPledgeState());
    expect(state.records.rec1?.attachments).toEqual([photo]);
  });

  it.each<[string, EvidenceFile[], string, string]>([
    ['a file attached twice', [photo, { ...photo, name: 'again.jpg' }], 'repeated_attachment', 'attachments/1/sha256'],
    ['more than ten files', Array.from({ length: 11 }, (_, i) => ({ ...photo, sha256: i.toString(16).padStart(64, '0') })), 'too_many_attachments', 'attachments'],
    ['a name that is a path', [{ ...photo, name: '../../etc/passwd' }], 'invalid_attachment_name', 'attachments/0/name'],
    ['a name with a backslash', [{ ...photo, name: '..\\boot.ini' }], 'invalid_attachment_name', 'attachments/0/name'],
    ['a name with a control character', [{ ...photo, name: 'a\u0000.jpg' }], 'invalid_attachment_name', 'attachments/0/name'],
    ['a dot-dot name', [{ ...photo, name: '..' }], 'invalid_attachment_name', 'attachments/0/name'],
    ['a hash that is not a SHA-256', [{ ...photo, sha256: 'A'.repeat(64) }], 'invalid_attachment', 'attachments/0/sha256'],
  ])('refuses %s', (_what, files, code, field) => {
    given(live).when(progress(files)).thenFails(code, 'invalid', field);
  });
});
