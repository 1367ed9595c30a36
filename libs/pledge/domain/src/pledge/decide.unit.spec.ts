import type { Actor } from '../actor';
import { DEFAULT_PROGRAMME_RULES } from '../programme/programme-rules';
import { deciderSpec } from '../testing';
import type { DraftContext, PledgeCommand } from './commands';
import { decidePledge } from './decide';
import type { PledgeEvent } from './events';
import { evolvePledge, foldPledge } from './evolve';
import { initialPledgeState, type PledgeState } from './state';
import type { ItemInput } from './types';

const given = deciderSpec<PledgeState, PledgeCommand, PledgeEvent>(decidePledge, evolvePledge, initialPledgeState);

const wang: Actor = { memberId: 'm1', bureauId: 'b1', roles: ['member'] };
const li: Actor = { memberId: 'm2', bureauId: 'b1', roles: ['member'] };
const secretary: Actor = { memberId: 'm9', bureauId: 'b1', roles: ['member', 'branch-secretary'] };
const leader: Actor = { memberId: 'm8', bureauId: 'b1', roles: ['member', 'group-leader'] };
const leading: Actor = { memberId: 'm7', bureauId: 'b1', roles: ['member', 'leading-group'] };
const AT = '2026-03-01T08:00:00.000Z';
const categories = ['student-aid', 'village-support'];
const context: DraftContext = {
  members: { m1: { branchId: 'br1', groupId: 'g1' }, m2: { branchId: 'br1', groupId: 'g2' } },
  guidanceCategories: categories,
  years: { openedYears: [], lateEntryYears: [], closedYears: [] },
};
const items: ItemInput[] = [
  { kind: 'common', area: 'theory-study', text: '每月讀一本理論書', target: '全年12本' },
  { kind: 'position', text: '把人口統計工作做到全省一流', target: '考核全省前三', benchmark: true },
  { kind: 'deed', text: '資助一名貧困學生', target: '全年2000元', category: 'student-aid', beneficiary: { type: 'school', name: '孫家疃小學', arrangedByBranch: true } },
];
const draft = (overrides: Partial<Extract<PledgeCommand, { type: 'DraftPledge' }>> = {}): PledgeCommand => ({
  type: 'DraftPledge',
  pledgeId: 'p1',
  actor: wang,
  at: AT,
  year: 2026,
  pledger: { type: 'individual', memberIds: ['m1'] },
  items,
  context,
  ...overrides,
});
const submit = (actor: Actor): PledgeCommand => ({ type: 'SubmitPledge', actor, guidanceCategories: categories, programmeRules: DEFAULT_PROGRAMME_RULES });
const numbered = items.map((item, i) => ({ ...item, no: i + 1 }));
const drafted: PledgeEvent = {
  type: 'PledgeDrafted',
  data: { pledgeId: 'p1', bureauId: 'b1', year: 2026, pledger: { type: 'individual', memberIds: ['m1'] }, branchId: 'br1', groupId: 'g1', items: numbered },
};
const bookFacts = { bureauId: 'b1', year: 2026, pledger: { type: 'individual' as const, memberIds: ['m1'] }, branchId: 'br1', groupId: 'g1' };
const submitted: PledgeEvent = { type: 'PledgeSubmitted', data: { pledgeId: 'p1', ...bookFacts, round: 1, items: numbered } };
const approved: PledgeEvent = { type: 'PledgeApproved', data: { pledgeId: 'p1', reviewId: 'r1', round: 1, decidedBy: 'm9', approvedAt: '2026-02-01T00:00:00.000Z' } };
const published: PledgeEvent = { type: 'PledgePublished', data: { pledgeId: 'p1', publicationId: 'pub1', publishedBy: 'm9', publishedAt: '2026-02-10T00:00:00.000Z' } };
const returned: PledgeEvent = {
  type: 'PledgeReturned',
  data: { pledgeId: 'p1', reviewId: 'r1', round: 1, stage: 'branch', verdicts: [{ itemNo: 2, verdict: 'revise', reason: '目標不夠具體' }], decidedBy: 'm9' },
};
const progress = (overrides: Record<string, unknown> = {}): PledgeCommand => ({
  type: 'RecordProgress',
  actor: wang,
  recordId: 'rec1',
  at: '2026-05-20T08:00:00.000Z',
  record: { itemNo: 3, recordedOn: '2026-05-12', narrative: '送去學費', evidence: ['receipt-1.pdf'], peopleAided: 1, amountFen: 100000 },
  ...overrides,
});

describe('pledge decider: drafting', () => {
  it('drafts an individual book with numbered items in the member’s branch and group', () => {
    given([]).when(draft()).then([drafted]);
  });

  it('refuses a closed year, a second individual book, and someone else’s book', () => {
    given([]).when(draft({ context: { ...context, years: { ...context.years, closedYears: [2026] } } })).thenFails('year_closed', 'conflict');
    given([]).when(draft({ context: { ...context, existingIndividualBook: 'p0' } })).thenFails('duplicate_individual_book', 'conflict');
    given([]).when(draft({ actor: li })).thenFails('not_the_pledger', 'forbidden');
    given([drafted]).when(draft()).thenFails('pledge_exists', 'conflict');
  });

  it('takes the caller as the member of an individual book that names none (issue rule 15)', () => {
    given([]).when(draft({ pledger: { type: 'individual', memberIds: [] } })).then([drafted]);
    given([]).when(draft({ actor: li, pledger: { type: 'individual', memberIds: [] } })).then([
      { type: 'PledgeDrafted', data: { ...(drafted.data as object), pledger: { type: 'individual', memberIds: ['m2'] }, groupId: 'g2' } } as PledgeEvent,
    ]);
    given([]).when(draft({ pledger: { type: 'paired', memberIds: [] } })).thenFails('two_members');
  });

  it('checks the pledger: one member, two or more when paired, an org unit when collective', () => {
    given([]).when(draft({ pledger: { type: 'individual', memberIds: ['m1', 'm2'] } })).thenFails('one_member', 'invalid', 'pledger/memberIds');
    given([]).when(draft({ pledger: { type: 'paired', memberIds: ['m1'] } })).thenFails('two_members');
    given([]).when(draft({ pledger: { type: 'paired', memberIds: ['m1', 'm1'] } })).thenFails('duplicate_member');
    given([]).when(draft({ pledger: { type: 'paired', memberIds: ['m1', 'm7'] } })).thenFails('member_not_found', 'not_found');
    given([]).when(draft({ actor: secretary, pledger: { type: 'collective', memberIds: [] } })).thenFails('org_unit_required');
    given([]).when(draft({ actor: secretary, pledger: { type: 'collective', memberIds: [], orgUnitId: 'u9' } })).thenFails('org_unit_not_found');
    given([]).when(draft({ pledger: { type: 'individual', memberIds: ['m1'], orgUnitId: 'u1' } })).thenFails('org_unit_not_allowed');
  });

  it('lets pairs and collectives pledge, the latter through the collective’s officers', () => {
    const paired = decidePledge(draft({ pledger: { type: 'paired', memberIds: ['m1', 'm2'] }, items: [items[2]!] }), initialPledgeState());
    expect(paired[0]).toMatchObject({ type: 'PledgeDrafted', data: { pledger: { type: 'paired' }, branchId: 'br1', groupId: 'g1' } });
    const collective = draft({
      actor: secretary,
      pledger: { type: 'collective', memberIds: [], orgUnitId: 'br1' },
      items: [items[2]!],
      context: { ...context, orgUnit: { type: 'party-branch' }, actorPlacement: { branchId: 'br1', groupId: 'g2' } },
    });
    expect(decidePledge(collective, initialPledgeState())[0]).toMatchObject({ data: { pledger: { orgUnitId: 'br1' }, branchId: 'br1' } });
    // A party group's book belongs to the group's branch; the leadership team's to no branch.
    const groupBook = draft({
      actor: leader,
      pledger: { type: 'collective', memberIds: [], orgUnitId: 'g1' },
      items: [items[2]!],
      context: { ...context, orgUnit: { type: 'party-group', parentId: 'br1' }, actorPlacement: { branchId: 'br1', groupId: 'g1' } },
    });
    expect(decidePledge(groupBook, initialPledgeState())[0]).toMatchObject({ data: { branchId: 'br1' } });
    const teamBook = draft({ actor: leading, pledger: { type: 'collective', memberIds: [], orgUnitId: 'team' }, items: [items[2]!], context: { ...context, orgUnit: { type: 'leadership-team' } } });
    expect(decidePledge(teamBook, initialPledgeState())[0]!.data).not.toHaveProperty('branchId');
    given([]).when({ ...collective, actor: wang } as PledgeCommand).thenFails('not_the_pledger', 'forbidden');
  });

  it.each<[string, ItemInput[], string, string]>([
    ['no items', [], 'no_items', 'items'],
    ['no position item', [items[0]!], 'position_item_required', 'items'],
    ['no common item', [items[1]!], 'common_item_required', 'items'],
    ['a common item without its area', [{ ...items[0]!, area: undefined }, items[1]!], 'area_required', 'items/0/area'],
    ['an area on a position item', [items[0]!, { ...items[1]!, area: 'ethics' }], 'area_not_allowed', 'items/1/area'],
    ['a deed outside the branch’s categories', [items[0]!, items[1]!, { ...items[2]!, category: 'tourism' }], 'unknown_category', 'items/2/category'],
    ['a category on a common item', [{ ...items[0]!, category: 'student-aid' }, items[1]!], 'category_not_allowed', 'items/0/category'],
    ['a benchmark on a deed', [items[0]!, items[1]!, { ...items[2]!, benchmark: true }], 'benchmark_not_allowed', 'items/2/benchmark'],
    ['an empty text', [{ ...items[0]!, text: '   ' }, items[1]!], 'empty_text', 'items/0/text'],
    ['an oversize target', [items[0]!, { ...items[1]!, target: '標'.repeat(501) }], 'text_too_long', 'items/1/target'],
    ['an unnamed beneficiary', [items[0]!, items[1]!, { ...items[2]!, beneficiary: { type: 'village', name: '' } }], 'empty_text', 'items/2/beneficiary/name'],
    ['31 items', Array.from({ length: 31 }, () => items[0]!), 'too_many_items', 'items'],
  ])('refuses %s', (_what, badItems, code, field) => {
    given([]).when(draft({ items: badItems })).thenFails(code, 'invalid', field);
  });
});

describe('pledge decider: vetting', () => {
  it('submits drafts and returned books, opening a new round each time', () => {
    given([drafted]).when(submit(wang)).then([submitted]);
    given([drafted, submitted, returned]).when(submit(wang)).then([
      { type: 'PledgeSubmitted', data: { pledgeId: 'p1', ...bookFacts, round: 2, items: numbered } },
    ]);
    given([drafted, submitted]).when(submit(wang)).thenFails('wrong_state', 'conflict');
    given([drafted]).when(submit(li)).thenFails('not_the_pledger', 'forbidden');
    given([]).when(submit(wang)).thenFails('pledge_not_found', 'not_found');
  });

  it('carries where each pledger sits on the submission, so reviewers need not wait for their directory copy', () => {
    const places = [{ memberId: 'm1', roles: ['member', 'group-leader'], groupId: 'g1', branchId: 'br1' }];
    given([drafted]).when({ ...submit(wang), places } as PledgeCommand).then([{ type: 'PledgeSubmitted', data: { pledgeId: 'p1', ...bookFacts, round: 1, items: numbered, places } }]);
  });

  it('revises only while a draft or returned, by the pledger', () => {
    const revisedItems = [items[0]!, { ...items[1]!, target: '考核全省第一' }];
    given([drafted, submitted, returned]).when({ type: 'RevisePledge', actor: wang, items: revisedItems, guidanceCategories: categories }).then([
      { type: 'PledgeRevised', data: { pledgeId: 'p1', items: revisedItems.map((item, i) => ({ ...item, no: i + 1 })) } },
    ]);
    given([drafted, submitted]).when({ type: 'RevisePledge', actor: wang, items, guidanceCategories: categories }).thenFails('wrong_state');
    given([drafted]).when({ type: 'RevisePledge', actor: li, items, guidanceCategories: categories }).thenFails('not_the_pledger');
  });

  it('records the review’s decisions for the current round, once', () => {
    given([drafted, submitted]).when({ type: 'RecordApproval', reviewId: 'r1', round: 1, decidedBy: 'm9', approvedAt: '2026-02-01T00:00:00.000Z' }).then([approved]);
    given([drafted, submitted, approved]).when({ type: 'RecordApproval', reviewId: 'r1', round: 1, decidedBy: 'm9', approvedAt: '2026-02-01T00:00:00.000Z' }).then([]);
    given([drafted, submitted]).when({ type: 'RecordApproval', reviewId: 'r0', round: 0, decidedBy: 'm9', approvedAt: 'x' }).thenFails('stale_round', 'conflict');
    given([drafted]).when({ type: 'RecordApproval', reviewId: 'r1', round: 1, decidedBy: 'm9', approvedAt: 'x' }).thenFails('wrong_state');
    given([drafted, submitted]).when({ type: 'RecordReturn', reviewId: 'r1', round: 1, stage: 'branch', verdicts: [{ itemNo: 2, verdict: 'revise', reason: '目標不夠具體' }], decidedBy: 'm9' }).then([returned]);
    given([drafted, submitted, returned]).when({ type: 'RecordReturn', reviewId: 'r1', round: 1, stage: 'branch', verdicts: [], decidedBy: 'm9' }).then([]);
  });

  it('publishes approved books, once', () => {
    given([drafted, submitted, approved]).when({ type: 'RecordPublication', publicationId: 'pub1', publishedBy: 'm9', publishedAt: '2026-02-10T00:00:00.000Z' }).then([published]);
    given([drafted, submitted, approved, published]).when({ type: 'RecordPublication', publicationId: 'pub1', publishedBy: 'm9', publishedAt: 'x' }).then([]);
    given([drafted]).when({ type: 'RecordPublication', publicationId: 'pub1', publishedBy: 'm9', publishedAt: 'x' }).thenFails('wrong_state');
  });

  it('keeps a publication act that overtook its approval, and publishes when the approval comes', () => {
    const act = { type: 'RecordPublication', publicationId: 'pub1', publishedBy: 'm9', publishedAt: '2026-02-10T00:00:00.000Z' } as const;
    const noticed: PledgeEvent = { type: 'PledgePublicationNoticed', data: { pledgeId: 'p1', publicationId: 'pub1', publishedBy: 'm9', publishedAt: '2026-02-10T00:00:00.000Z' } };
    given([drafted, submitted]).when(act).then([noticed]);
    given([drafted, submitted, noticed]).when(act).then([]);
    given([drafted, submitted, noticed]).when({ type: 'RecordApproval', reviewId: 'r1', round: 1, decidedBy: 'm9', approvedAt: '2026-02-01T00:00:00.000Z' }).then([approved, published]);
    given([drafted, submitted, noticed, approved, published]).when(act).then([]);
  });

  it('withdraws with a reason before approval', () => {
    given([drafted, submitted]).when({ type: 'WithdrawPledge', actor: wang, reason: '調離本局' }).then([{ type: 'PledgeWithdrawn', data: { pledgeId: 'p1', reason: '調離本局' } }]);
    given([drafted]).when({ type: 'WithdrawPledge', actor: wang, reason: ' ' }).thenFails('invalid_reason', 'invalid', 'reason');
    given([drafted, submitted, approved]).when({ type: 'WithdrawPledge', actor: wang, reason: 'x' }).thenFails('wrong_state');
  });
});

describe('pledge decider: fulfilment', () => {
  const live = [drafted, submitted, approved, published];

  it('records deeds with people aided and amounts on published books', () => {
    given(live).when(progress()).then([
      {
        type: 'ProgressRecorded',
        data: {
          pledgeId: 'p1', recordId: 'rec1', itemNo: 3, recordedOn: '2026-05-12', narrative: '送去學費', evidence: ['receipt-1.pdf'],
          peopleAided: 1, amountFen: 100000, recordedBy: 'm1', recordedAt: '2026-05-20T08:00:00.000Z',
        },
      },
    ]);
    given([drafted, submitted, approved]).when(progress()).thenFails('wrong_state', 'conflict');
  });

  it.each<[string, Record<string, unknown>, string, string | undefined]>([
    ['an unknown item', { itemNo: 9 }, 'unknown_item', 'itemNo'],
    ['a date outside the year', { recordedOn: '2025-12-31' }, 'date_outside_year', 'recordedOn'],
    ['a date in the future', { recordedOn: '2026-06-01' }, 'date_in_future', 'recordedOn'],
    ['an empty narrative', { narrative: ' ' }, 'invalid_narrative', 'narrative'],
    ['deed figures on a position item', { itemNo: 2, peopleAided: undefined, amountFen: 5 }, 'deed_figures_only', 'amountFen'],
    ['a negative amount', { amountFen: -1 }, 'invalid_figure', 'amountFen'],
    ['a fractional amount of fen', { amountFen: 10.5 }, 'invalid_figure', 'amountFen'],
    ['a beneficiary reference on a position item', { itemNo: 2, peopleAided: undefined, amountFen: undefined, beneficiaryRef: 'student-07' }, 'deed_figures_only', 'beneficiaryRef'],
    ['an empty beneficiary reference', { beneficiaryRef: '  ' }, 'invalid_beneficiary_ref', 'beneficiaryRef'],
    ['a beneficiary reference with a line break', { beneficiaryRef: 'a\nb' }, 'invalid_beneficiary_ref', 'beneficiaryRef'],
    ['too many evidence references', { evidence: Array.from({ length: 21 }, (_, i) => `e${i}`) }, 'invalid_evidence', 'evidence'],
  ])('refuses %s', (_what, change, code, field) => {
    const base = (progress() as Extract<PledgeCommand, { type: 'RecordProgress' }>).record;
    given(live).when(progress({ record: { ...base, ...change } })).thenFails(code, 'invalid', field);
  });

  it('takes today as the bureau counts it (China Standard Time), not UTC', () => {
    // 20:00 UTC on 31 May is 04:00 on 1 June in Beijing: a deed done that morning is not in the future.
    const base = (progress() as Extract<PledgeCommand, { type: 'RecordProgress' }>).record;
    const early = progress({ at: '2026-05-31T20:00:00.000Z', record: { ...base, recordedOn: '2026-06-01' } });
    expect(decidePledge(early, live.reduce(evolvePledge, initialPledgeState()))).toHaveLength(1);
    given(live).when(progress({ at: '2026-05-31T15:00:00.000Z', record: { ...base, recordedOn: '2026-06-01' } })).thenFails('date_in_future', 'invalid', 'recordedOn');
  });

  it('records who was aided as a beneficiary reference, trimmed', () => {
    const [recorded] = decidePledge(progress({ record: { itemNo: 3, recordedOn: '2026-05-12', narrative: '送去學費', evidence: [], peopleAided: 1, beneficiaryRef: ' student-07 ' } }), live.reduce(evolvePledge, initialPledgeState()));
    expect(recorded).toMatchObject({ type: 'ProgressRecorded', data: { beneficiaryRef: 'student-07', peopleAided: 1 } });
  });

  it('corrects a record with a new one that references it; nothing is edited in place', () => {
    const first = decidePledge(progress(), live.reduce(evolvePledge, initialPledgeState()));
    const afterFirst = [...live, ...first];
    const fix = progress({ recordId: 'rec2', corrects: 'rec1', record: { itemNo: 3, recordedOn: '2026-05-12', narrative: '送去學費（更正金額）', evidence: [], amountFen: 120000 } });
    const [corrected] = decidePledge(fix, afterFirst.reduce(evolvePledge, initialPledgeState()));
    expect(corrected).toMatchObject({ type: 'ProgressRecorded', data: { recordId: 'rec2', corrects: 'rec1', amountFen: 120000 } });
    given(afterFirst).when(progress({ recordId: 'rec3', corrects: 'nope' })).thenFails('fulfilment_record_not_found', 'not_found');
    given(afterFirst).when(progress({ recordId: 'rec1' })).thenFails('record_exists', 'conflict');
    given(afterFirst).when(progress({ recordId: 'rec4', actor: li })).thenFails('not_the_pledger', 'forbidden');
  });

  it('closes at year end, after which nothing more is recorded', () => {
    given(live).when({ type: 'ClosePledge', year: 2026 }).then([{ type: 'PledgeClosed', data: { pledgeId: 'p1', year: 2026 } }]);
    given([...live, { type: 'PledgeClosed', data: { pledgeId: 'p1', year: 2026 } }]).when({ type: 'ClosePledge', year: 2026 }).then([]);
    given([...live, { type: 'PledgeClosed', data: { pledgeId: 'p1', year: 2026 } }]).when(progress()).thenFails('wrong_state');
  });
});

describe('folding a pledge stream', () => {
  it('gives the same state as applying evolve event by event', () => {
    const records = Array.from({ length: 50 }, (_, i): PledgeEvent => ({
      type: 'ProgressRecorded',
      data: { pledgeId: 'p1', recordId: `r${i}`, itemNo: 3, recordedOn: '2026-05-01', narrative: `n${i}`, evidence: [], recordedBy: 'm1', recordedAt: '2026-05-02T00:00:00.000Z' },
    }));
    const stream = [drafted, submitted, approved, published, ...records, { type: 'PledgeClosed', data: { pledgeId: 'p1', year: 2026 } } as PledgeEvent];
    expect(foldPledge(stream, initialPledgeState())).toEqual(stream.reduce(evolvePledge, initialPledgeState()));
  });
});
