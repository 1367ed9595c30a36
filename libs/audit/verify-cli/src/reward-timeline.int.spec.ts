// The reward service's streams in the auditor's record, on a real embedded store: a selection made
// with the reward service's own decider, a grant for fulfilment and its revocation, a research work
// rated; a pledge's and a member's year's timelines take in what concerns them, and the selection
// folds as of any moment.
import type { EventStore, NewEvent } from '@pledgebook/event-store';
import { SqliteEventStore } from '@pledgebook/event-store-sqlite';
import { ProjectionRunner } from '@pledgebook/read-model';
import { SqliteReadModelStore } from '@pledgebook/read-model-sqlite';
import { selectionDecider, type SelectionCommand, type SelectionState } from '@pledgebook/reward-domain';
import { newId } from '@pledgebook/util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { subjectKey } from '@pledgebook/audit-domain';
import { AuditIndex, auditIndexProjection, TimelineService } from '@pledgebook/audit-feature/core';

const dir = mkdtempSync(join(tmpdir(), 'pledgebook-audit-reward-'));
let now = Date.parse('2026-03-01T02:00:00.000Z');
const at = (iso: string) => (now = Date.parse(iso));
const events = new SqliteEventStore(join(dir, 'eventstore.db'), { clock: { now: () => new Date(now) } });
const views = new SqliteReadModelStore(join(dir, 'audit-views.db'));
const runner = new ProjectionRunner(events, views, auditIndexProjection);
const timelines = new TimelineService(events, new AuditIndex(views));

const meta = (actorId: string, actorRole: string, correlationId = newId(), causationId = correlationId) => ({ bureauId: 'weihai', actorId, actorRole, correlationId, causationId });
const ev = (type: string, data: unknown, m = meta('system', 'system')): NewEvent => ({ type, data, metadata: m });
const chen = { memberId: 'chen', bureauId: 'weihai', roles: ['member', 'leading-group'] };
const sun = { memberId: 'sun', bureauId: 'weihai', roles: ['member', 'branch-secretary'] };
const honour = { honourId: 'outstanding-member', title: '優秀共產黨員', award: 'selection' as const, eligibleGrades: ['excellent' as const], quota: 2, reward: { spiritual: ['certificate' as const] } };
const wangBook = newId();
const zhouBook = newId();
const selectionId = newId();
const selection = `reward-selection-${selectionId}`;
let state: SelectionState = selectionDecider.initialState(selectionId);
let decidedAt = '';
let noticeAt = '';

/** Runs the reward service's selection decider and appends what it decides, as the service does. */
async function select(store: EventStore, command: SelectionCommand, actorId: string): Promise<void> {
  const decided = selectionDecider.decide(command, state);
  state = decided.reduce(selectionDecider.evolve, state);
  await store.append(selection, decided.map((e) => ev(e.type, e.data, meta(actorId, 'leading-group'))), { expectedRevision: 'any' });
}

async function catchUp(): Promise<void> {
  const head = await events.headPosition();
  for (let waited = 0; ((await runner.checkpoint()) ?? 0) < head; waited += 20) {
    if (waited > 10_000) throw new Error('the audit index did not catch up');
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  await events.append('directory-weihai', [ev('BureauRegistered', { bureauId: 'weihai', name: '威海市統計局', level: 'city' })]);
  const book = (pledgeId: string, memberId: string) => ({ pledgeId, bureauId: 'weihai', year: 2026, pledger: { type: 'individual', memberIds: [memberId] }, branchId: 'branch-1', items: [{ itemNo: 1, kind: 'deed', text: '資助一名困難學生', target: '全年2000元' }] });
  await events.append(`pledge-${wangBook}`, [ev('PledgeDrafted', book(wangBook, 'wang'), meta('wang', 'member'))]);
  await events.append(`pledge-${zhouBook}`, [ev('PledgeDrafted', book(zhouBook, 'zhou'), meta('zhou', 'member'))]);
  // The reward service records the pledge topic in its facts stream.
  await events.append('reward-facts-weihai', [ev('IntegrationEventRecorded', { sourceEventId: 'x1', sourceType: 'pledgebook.pledge.pledge-published.v1', subject: `pledges/${wangBook}`, data: { bureauId: 'weihai', year: 2026 } })]);

  // In January 2027 the leading group selects 2026's outstanding members.
  at('2027-01-05T02:00:00.000Z');
  await select(events, { type: 'OpenSelection', selectionId, bureauId: 'weihai', year: 2026, honourId: honour.honourId, quota: 2, actor: chen, at: '2027-01-05T02:00:00.000Z', policy: { version: 1, honours: [honour], setBy: 'chen', setAt: '2026-12-01' }, results: [] }, 'chen');
  at('2027-01-06T02:00:00.000Z');
  await select(events, { type: 'Nominate', memberId: 'wang', reason: '全年資助兩名學生', actor: sun, at: '2027-01-06T02:00:00.000Z', nominee: { memberId: 'wang', branchId: 'branch-1' }, actorBranchId: 'branch-1', results: [] }, 'sun');
  at('2027-01-08T02:00:00.000Z');
  await select(events, { type: 'DecideSelection', meeting: { date: '2027-01-08', attendees: ['chen', 'sun'] }, selected: ['wang'], actor: chen, at: '2027-01-08T02:00:00.000Z' }, 'chen');
  decidedAt = '2027-01-08T03:00:00.000Z';
  at('2027-01-09T02:00:00.000Z');
  await select(events, { type: 'PutSelectionOnNotice', startsOn: '2027-01-09', endsOn: '2027-01-15', actor: chen, at: '2027-01-09T02:00:00.000Z' }, 'chen');
  noticeAt = '2027-01-09T03:00:00.000Z';
  at('2027-01-20T02:00:00.000Z');
  await select(events, { type: 'AnnounceSelection', actor: chen, at: '2027-01-20T02:00:00.000Z' }, 'chen');

  // A grant for wang's fulfilment (a final result its basis), revoked; a grant to the branch; a rated work.
  const grantStream = 'reward-grant-weihai.g-1';
  await events.append(grantStream, [
    ev('RewardGranted', { grantId: 'g-1', bureauId: 'weihai', year: 2026, recipient: { type: 'member', id: 'wang' }, ground: 'fulfilment', basis: { type: 'result', id: 'round-2026-H2/wang' }, title: '踐諾考核優秀表揚', spiritual: ['commendation'], grantedBy: 'system', grantedAt: '2027-01-20T02:00:00.000Z' }),
  ]);
  at('2027-02-01T02:00:00.000Z');
  await events.append(grantStream, [ev('GrantRevoked', { grantId: 'g-1', bureauId: 'weihai', year: 2026, reason: '結果經覆核更正', revokedBy: 'chen', revokedAt: '2027-02-01T02:00:00.000Z' }, meta('chen', 'leading-group'))]);
  await events.append('reward-grant-weihai.g-2', [
    ev('RewardGranted', { grantId: 'g-2', bureauId: 'weihai', year: 2026, recipient: { type: 'unit', id: 'branch-1' }, ground: 'distinctive-activity', basis: { type: 'activity', id: 'visit-1' }, title: '特色活動', spiritual: ['commendation'], grantedBy: 'chen', grantedAt: '2027-02-01T02:00:00.000Z' }, meta('chen', 'leading-group')),
  ]);
  const work = `reward-research-work-${newId()}`;
  await events.append(work, [ev('ResearchWorkSubmitted', { workId: 'w-1', bureauId: 'weihai', year: 2026, title: '人口抽樣調查分析', categoryId: 'analysis', categoryName: '統計分析', authors: ['zhou', 'wang'], evidence: ['市政府採納'], submittedBy: 'zhou', submittedAt: '2027-02-01T02:00:00.000Z' }, meta('zhou', 'member'))]);
  at('2027-02-03T02:00:00.000Z');
  await events.append(work, [ev('ResearchWorkDeclined', { workId: 'w-1', reason: '證明材料不足', by: 'chen', at: '2027-02-03T02:00:00.000Z' }, meta('chen', 'leading-group'))]);
  await runner.start();
  await catchUp();
}, 30_000);

afterAll(async () => {
  await runner.stop();
  await views.close();
  await events.close();
  rmSync(dir, { recursive: true, force: true });
});

const types = async (key: string) => (await timelines.page(key, { limit: 500 })).items.map((i) => `${i.stream.replace(/-[0-9a-f-]{36}$/, '')} ${i.type}`);

describe('the reward service’s streams in the auditor’s record', () => {
  it('gives a member’s year every step of the selection they were in, though several name nobody and were recorded the next year', async () => {
    const wang = await types(subjectKey.memberYear('weihai', 'wang', 2026));
    expect(wang).toEqual(
      expect.arrayContaining([
        'reward-selection SelectionOpened',
        'reward-selection NominationMade',
        'reward-selection SelectionDecided',
        'reward-selection SelectionPutOnNotice',
        'reward-selection SelectionAnnounced',
        'reward-grant-weihai.g-1 RewardGranted',
        'reward-grant-weihai.g-1 GrantRevoked',
        'reward-research-work ResearchWorkSubmitted',
        'reward-research-work ResearchWorkDeclined',
      ]),
    );
    // Nothing of the 2026 selection is filed under 2027, the year it was recorded in.
    expect((await types(subjectKey.memberYear('weihai', 'wang', 2027))).filter((t) => t.startsWith('reward-'))).toEqual([]);
    // zhou wrote the work with wang; the selection and wang's grant are not hers.
    const zhou = await types(subjectKey.memberYear('weihai', 'zhou', 2026));
    expect(zhou).toEqual(expect.arrayContaining(['reward-research-work ResearchWorkSubmitted', 'reward-research-work ResearchWorkDeclined']));
    expect(zhou.filter((t) => t.startsWith('reward-selection') || t.startsWith('reward-grant-weihai.g-1'))).toEqual([]);
    // The branch's year has the grant to the branch.
    expect(await types(subjectKey.branchYear('weihai', 'branch-1', 2026))).toContain('reward-grant-weihai.g-2 RewardGranted');
  });

  it('gives a pledge the reward service’s record of it and the reward for its fulfilment — not the selection, nor another member’s book', async () => {
    const wang = await types(subjectKey.pledge(wangBook));
    expect(wang).toEqual(['pledge PledgeDrafted', 'reward-facts-weihai IntegrationEventRecorded', 'reward-grant-weihai.g-1 RewardGranted', 'reward-grant-weihai.g-1 GrantRevoked']);
    expect(await types(subjectKey.pledge(zhouBook))).toEqual(['pledge PledgeDrafted']);
    // A selection's or a work's stream is not taken for a pledge's.
    expect(await types(subjectKey.pledge(selectionId))).toEqual([]);
  });

  it('folds the selection, the grant and the work as of any moment with the reward service’s own evolve', async () => {
    const asOf = async (iso: string) => (await timelines.aggregates(subjectKey.memberYear('weihai', 'wang', 2026), iso)).filter((a) => a.context === 'reward');
    const decided = (await asOf(decidedAt)).find((a) => a.stream === selection)!;
    expect(decided).toMatchObject({ aggregate: 'selection', revision: 3, state: { selectionId, status: 'decided', year: 2026, decision: { selected: ['wang'] } } });
    expect((await asOf(noticeAt)).find((a) => a.stream === selection)).toMatchObject({ revision: 4, state: { status: 'on-notice', notice: { endsOn: '2027-01-15' } } });
    const later = await asOf('2027-03-01T00:00:00.000Z');
    expect(later.find((a) => a.stream === selection)).toMatchObject({ revision: 5, state: { status: 'announced' } });
    expect(later.find((a) => a.stream === 'reward-grant-weihai.g-1')).toMatchObject({ aggregate: 'grant', state: { grantId: 'g-1', status: 'revoked' } });
    expect(later.find((a) => a.stream.startsWith('reward-research-work-'))).toMatchObject({ aggregate: 'research-work', state: { status: 'declined', authors: ['zhou', 'wang'] } });
    // Before the grant was revoked it stood.
    expect((await asOf('2027-01-25T00:00:00.000Z')).find((a) => a.stream === 'reward-grant-weihai.g-1')).toMatchObject({ state: { status: 'granted' } });
  });
});
