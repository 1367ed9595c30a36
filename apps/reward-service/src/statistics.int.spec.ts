// The statistics read models on real SQLite: the live projection, applied a batch at a time or
// event by event, a rebuild, and a replay of a bureau's events as of a time all give the same figures.
import type { CloudEvent } from '@pledgebook/contracts';
import type { EventStore, NewEvent } from '@pledgebook/event-store';
import { openEventStore, openReadModelStore } from '@pledgebook/infrastructure';
import { recordIntegrationEvent } from '@pledgebook/nest/consumed-facts';
import { ProjectionRunner, type ReadModelStore } from '@pledgebook/read-model';
import { bureauTables, grantIdFor } from '@pledgebook/reward-domain';
import { factsStream, grantStream, openingStream, replayRollups, STAT_ROLLUPS, STATISTICS_INDEXES, statisticsProjection, statisticsRebuildFold, type RollupDoc } from '@pledgebook/reward-feature/statistics';
import { newId } from '@pledgebook/util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const YEAR = 2026;
let dir: string;
let events: EventStore;
let views: ReadModelStore;

const meta = (bureauId: string) => ({ bureauId, actorId: 'zhou', actorRole: 'leading-group', correlationId: 'c', causationId: 'c' });
let n = 0;
async function fact(bureauId: string, type: string, data: Record<string, unknown>): Promise<void> {
  const event = { specversion: '1.0', id: newId(), source: `/bureaus/${bureauId}/pledge-service`, type, time: new Date().toISOString(), bureauid: bureauId, actorid: 'a', correlationid: 'c', causationid: 'c', data } as CloudEvent;
  await recordIntegrationEvent(events, factsStream(bureauId), 'reward-service.facts', event);
  n += 1;
}
const pledge = (name: string) => `pledgebook.pledge.${name}.v1`;
const appraisal = (name: string) => `pledgebook.appraisal.${name}.v1`;

/** A bureau's year: directory, three books (one withdrawn), deeds with a correction, checks, results, grants. */
async function bureauYear(bureauId: string, scale: number): Promise<void> {
  await fact(bureauId, pledge('bureau-registered'), { bureauId, name: bureauId });
  await fact(bureauId, pledge('org-unit-added'), { bureauId, orgUnitId: 'branch-1', type: 'party-branch', name: '支部' });
  for (const g of ['group-1', 'group-2']) await fact(bureauId, pledge('org-unit-added'), { bureauId, orgUnitId: g, type: 'party-group', name: g, parentId: 'branch-1' });
  for (const [m, g] of [['wang', 'group-1'], ['li', 'group-2'], ['zhou', 'group-2']]) await fact(bureauId, pledge('member-added'), { memberId: m, bureauId, name: m, partyStatus: 'full', groupId: g, roles: ['member'], joinedOn: `${YEAR}-01-02` });
  const books = { wang: newId(), li: newId(), zhou: newId() };
  for (const [m, id] of Object.entries(books)) {
    const groupId = m === 'wang' ? 'group-1' : 'group-2';
    const items = [{ no: 1, kind: 'common', text: 't', target: 't' }, { no: 2, kind: 'deed', text: 'd', target: 't' }, { no: 3, kind: 'deed', text: 'd', target: 't' }];
    await fact(bureauId, pledge('pledge-submitted'), { pledgeId: id, bureauId, year: YEAR, round: 1, pledger: { type: 'individual', memberIds: [m] }, branchId: 'branch-1', groupId, items });
  }
  await fact(bureauId, pledge('pledge-withdrawn'), { pledgeId: books.zhou, reason: '調崗' });
  for (const id of [books.wang, books.li]) await fact(bureauId, pledge('pledge-published'), { pledgeId: id, publicationId: 'p', publishedAt: new Date().toISOString() });
  const first = newId();
  await fact(bureauId, pledge('progress-recorded'), { pledgeId: books.wang, recordId: first, itemNo: 2, recordedOn: `${YEAR}-03-01`, narrative: 'n', evidence: [], recordedBy: 'wang', peopleAided: 1, amountFen: 100 * scale, beneficiaryRef: 'student-07' });
  await fact(bureauId, pledge('progress-recorded'), { pledgeId: books.wang, recordId: newId(), itemNo: 2, recordedOn: `${YEAR}-03-01`, narrative: 'n', evidence: [], recordedBy: 'wang', peopleAided: 1, amountFen: 120 * scale, beneficiaryRef: 'student-07', corrects: first });
  await fact(bureauId, pledge('progress-recorded'), { pledgeId: books.li, recordId: newId(), itemNo: 3, recordedOn: `${YEAR}-04-01`, narrative: 'n', evidence: [], recordedBy: 'li', peopleAided: 1, amountFen: 50, beneficiaryRef: 'student-07', volunteerHours: 2.5 });
  await fact(bureauId, pledge('progress-recorded'), { pledgeId: books.li, recordId: newId(), itemNo: 3, recordedOn: `${YEAR}-05-01`, narrative: 'n', evidence: [], recordedBy: 'li', peopleAided: 30 });
  await fact(bureauId, pledge('member-moved'), { memberId: 'li', bureauId, fromGroupId: 'group-2', toGroupId: 'group-1', effectiveOn: `${YEAR}-06-01` });
  for (const [month, done] of [['01', 1], ['02', 2], ['02', 3]] as const) {
    await fact(bureauId, appraisal('monthly-check-recorded'), { bureauId, checkId: `c-${month}`, groupId: 'group-1', branchId: 'branch-1', month: `${YEAR}-${month}`, members: 2, items: 6, done, onTrack: 1, behind: 5 - done, notStarted: 0, recordedAt: new Date().toISOString() });
  }
  for (const [m, half, grade] of [['wang', 'H1', 'excellent'], ['li', 'H1', 'qualified'], ['li', 'H2', 'excellent']] as const) {
    await fact(bureauId, appraisal('result-finalized'), { bureauId, roundId: `r-${half}`, year: YEAR, half, memberId: m, partyStatus: 'full', points: 90, grade, gradeLabel: grade, schemeVersion: 1, finalizedAt: new Date().toISOString() });
  }
  for (const [m, amountFen, revoke] of [['wang', 10_000 * scale, false], ['li', 500, true]] as const) {
    const recipient = { type: 'member' as const, id: m };
    const grantId = grantIdFor(bureauId, recipient, 'distinctive-activity', { type: 'activity', id: 'blood-drive' });
    const granted: NewEvent = {
      type: 'RewardGranted',
      data: { grantId, bureauId, year: YEAR, recipient, ground: 'distinctive-activity', basis: { type: 'activity', id: 'blood-drive' }, title: '表揚', spiritual: ['commendation'], material: { kind: 'money', amountFen }, grantedBy: 'zhou', grantedAt: new Date().toISOString() },
      metadata: meta(bureauId),
    };
    await events.append(grantStream(bureauId, grantId), [granted], { expectedRevision: 'no_stream' });
    if (revoke) await events.append(grantStream(bureauId, grantId), [{ type: 'GrantRevoked', data: { grantId, bureauId, year: YEAR, reason: 'r', revokedBy: 'zhou', revokedAt: new Date().toISOString() }, metadata: meta(bureauId) }], { expectedRevision: 0 });
  }
  const opening = { booksPublished: 10, deedsPledged: 12, deedsDone: 11, peopleAided: 9, amountFen: 8_000, volunteerHours: 4, grants: 1, grantsAmountFen: 100 };
  await events.append(openingStream(bureauId), [{ type: 'OpeningTotalsSet', data: { bureauId, year: 2015, figures: opening, setBy: 'ye', setAt: new Date().toISOString() }, metadata: meta(bureauId) }], { expectedRevision: 'any' });
}

async function caughtUp(runner: ProjectionRunner): Promise<void> {
  const head = await events.headPosition();
  for (let i = 0; i < 400 && ((await runner.checkpoint()) ?? 0) < head; i++) await new Promise((r) => setTimeout(r, 25));
  expect(await runner.checkpoint()).toBe(head);
}

const liveRollups = async (store: ReadModelStore, bureauId: string) =>
  (await store.collection<RollupDoc>(STAT_ROLLUPS).find({ bureauId }, { limit: 100 })).items.map(({ _id: _k, ...r }) => r).sort((a, b) => a.year - b.year);
/** Every statistics document of the live generation, by collection. */
const everyDocument = async (store: ReadModelStore) =>
  Object.fromEntries(await Promise.all(statisticsProjection.collections.map(async (c) => [c, (await store.collection(c).find({}, { limit: 10_000 })).items] as const)));
const replayed = async (bureauId: string, asOf = new Date().toISOString()) => (await replayRollups(events, bureauId, asOf)).sort((a, b) => a.year - b.year);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pledgebook-statistics-'));
  events = await openEventStore(`sqlite:${join(dir, 'eventstore.db')}`);
  views = await openReadModelStore(`sqlite:${join(dir, 'views.db')}`);
  for (const [collection, specs] of Object.entries(STATISTICS_INDEXES)) await views.ensureIndexes(collection, specs);
});
afterAll(async () => {
  await events.close();
  await views.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('statistics read models', () => {
  it('live, event by event, rebuilt and replayed: the same rollups; a replay as of a time sees only what was recorded by then', async () => {
    await bureauYear('weihai', 1);
    const between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    await bureauYear('qingdao', 3);

    const runner = new ProjectionRunner(events, views, statisticsProjection, { batchSize: 7 });
    await runner.start();
    await caughtUp(runner);
    const weihai = await liveRollups(views, 'weihai');
    expect(weihai).toEqual(await replayed('weihai'));
    expect(await liveRollups(views, 'qingdao')).toEqual(await replayed('qingdao'));

    const tables = bureauTables(weihai, { year: YEAR, asOf: `${YEAR}-12-31T00:00:00.000Z` });
    // Withdrawn book out; the correction counted once; the student aided through two books once; the revoked grant out.
    expect(tables.total).toMatchObject({ booksPublished: 2, booksInReview: 0, deedsPledged: 4, deedsDone: 2, fulfilmentRate: 0.5, peopleAided: 31, amountFen: 170, volunteerHours: 2.5, records: 3, grants: 1, grantsAmountFen: 10_000 });
    expect(tables.total).toMatchObject({ checksRecorded: 2, checksExpected: 24, checkedItems: 12, itemsDoneOrOnTrack: 6, grades: { excellent: 2, qualified: 1, 'basically-qualified': 0, unqualified: 0 } });
    // Li's results count where she sat when they became final (group-1, after her move); her book stays in group-2.
    expect(tables.groups.map((g) => [g.groupId, g.booksPublished, g.grades.excellent, g.grades.qualified])).toEqual([
      ['group-1', 1, 2, 1],
      ['group-2', 1, 0, 0],
    ]);
    expect(bureauTables(weihai, { asOf: `${YEAR}-12-31T00:00:00.000Z` }).total).toMatchObject({ deedsPledged: 16, peopleAided: 40, withOpeningTotals: true });

    // As of a time between the two bureaus' facts: qingdao had nothing yet.
    expect(await replayed('qingdao', between)).toEqual([]);
    expect(await replayed('weihai', between)).toEqual(weihai);

    // A rebuild into a new generation (folded in memory, each document written once) gives the same documents.
    const live = await everyDocument(views);
    await runner.rebuild();
    expect(await everyDocument(views)).toEqual(live);
    expect(await liveRollups(views, 'weihai')).toEqual(weihai);
    await runner.stop();
    // And so does one holding only a few documents at a time, writing them out and reading them back as it goes.
    const few = new ProjectionRunner(events, views, { ...statisticsProjection, rebuildFold: () => statisticsRebuildFold(3) }, { batchSize: 7 });
    await few.start();
    await few.rebuild();
    await few.stop();
    expect(await everyDocument(views)).toEqual(live);

    // Applied event by event instead of in batches: the same documents.
    const single = await openReadModelStore(`sqlite:${join(dir, 'single.db')}`);
    for (const [collection, specs] of Object.entries(STATISTICS_INDEXES)) await single.ensureIndexes(collection, specs);
    const one = new ProjectionRunner(events, single, { ...statisticsProjection, applyBatch: undefined } as never, { batchSize: 1 });
    await one.start();
    await caughtUp(one);
    expect(await liveRollups(single, 'weihai')).toEqual(weihai);
    expect(await liveRollups(single, 'qingdao')).toEqual(await liveRollups(views, 'qingdao'));
    await one.stop();
    await single.close();
    expect(n).toBeGreaterThan(40);
  }, 60_000);
});
