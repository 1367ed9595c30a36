import type { Caller } from '@pledgebook/nest/testing';
import { type Bureau, eventually, items, seededService, today, YEAR } from './testing/fixtures';
import type { Harness } from './testing/pledge-service.harness';
import { approveAndPublish } from './testing/review-events';

const service = seededService();
let h: Harness;
let b: Bureau;
let peng: Caller;
const weihai = '/api/v1/bureaus/weihai';

beforeAll(async () => {
  ({ h, b } = service);
  // A second branch with its own secretary, and non-party staff outside any branch.
  const setup = [
    [`${weihai}/org-units`, { orgUnitId: 'branch-2', type: 'party-branch', name: '第二黨支部' }],
    [`${weihai}/org-units`, { orgUnitId: 'group-3', type: 'party-group', name: '第三黨小組', parentId: 'branch-2' }],
    [`${weihai}/members`, { memberId: 'peng', name: '彭波', partyStatus: 'full', groupId: 'group-3', roles: ['member', 'branch-secretary'] }],
    [`${weihai}/members`, { memberId: 'wu', name: '吳靜', partyStatus: 'non-party', departmentId: 'dept-1', roles: ['member'] }],
  ] as const;
  for (const [path, body] of setup) {
    const r = await h.call(b.admin, 'POST', path, body);
    if (r.status !== 201) throw new Error(`setup failed: ${r.status} ${JSON.stringify(r.body)}`);
  }
  peng = await h.as({ sub: 'peng', bureauId: 'weihai', roles: ['member', 'branch-secretary'] });
});

const individual = (bookItems: unknown[], year = YEAR) => ({ year, pledger: { type: 'individual' }, items: bookItems });
const collective = (orgUnitId: string) => ({ year: YEAR, pledger: { type: 'collective', orgUnitId }, items: [items[2]] });

describe('programme rules: a province-first-rank goal and a deed a year (issue rule 3)', () => {
  let noBenchmark: string;
  let noDeed: string;

  it('are on by default, and a member reads them', async () => {
    expect((await h.call(b.li, 'GET', `${weihai}/programme-rules/${YEAR}`)).body).toEqual({ year: YEAR, positionBenchmark: true, yearlyDeed: true, setByBureau: false });
  });

  it('refuse at submission, with 422 naming the rule, a position pledge without the benchmark and a book without a deed', async () => {
    noBenchmark = (await h.call(b.li, 'POST', '/api/v1/pledges', individual([items[0], { ...items[1], benchmark: false }, items[2]]))).body.pledgeId;
    const refused = await h.call(b.li, 'POST', `/api/v1/pledges/${noBenchmark}/submit`);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'position_benchmark_required', rule: 'positionBenchmark', errors: [{ field: '/items/1/benchmark' }] });
    noDeed = (await h.call(b.wang, 'POST', '/api/v1/pledges', individual([items[0], items[1]]))).body.pledgeId;
    expect((await h.call(b.wang, 'POST', `/api/v1/pledges/${noDeed}/submit`)).body).toMatchObject({ status: 422, code: 'yearly_deed_required', rule: 'yearlyDeed' });
    expect((await h.call(b.wang, 'GET', `/api/v1/pledges/${noDeed}`)).body.status).toBe('draft');
  });

  it('are switched by the bureau admin alone, for a year, after which those books are submitted', async () => {
    const off = { positionBenchmark: false, yearlyDeed: false };
    expect((await h.call(b.secretary, 'PUT', `${weihai}/programme-rules/${YEAR}`, off)).status).toBe(403);
    expect((await h.call(b.otherAdmin, 'PUT', `${weihai}/programme-rules/${YEAR}`, off)).status).toBe(403);
    expect((await h.call(b.admin, 'PUT', `${weihai}/programme-rules/${YEAR}`, { positionBenchmark: 'no' })).body).toMatchObject({ status: 400, errors: expect.arrayContaining([expect.objectContaining({ field: '/positionBenchmark' })]) });
    const set = await h.call(b.admin, 'PUT', `${weihai}/programme-rules/${YEAR}`, off);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ year: YEAR, ...off, changed: true });
    expect((await h.call(b.li, 'GET', `${weihai}/programme-rules/${YEAR}`)).body).toEqual({ year: YEAR, ...off, setByBureau: true });
    expect((await h.call(b.li, 'GET', `${weihai}/programme-rules/${YEAR + 1}`)).body).toMatchObject({ positionBenchmark: true, yearlyDeed: true });
    expect((await h.call(b.li, 'POST', `/api/v1/pledges/${noBenchmark}/submit`)).status).toBe(200);
    expect((await h.call(b.wang, 'POST', `/api/v1/pledges/${noDeed}/submit`)).status).toBe(200);
  });
});

describe('collective books are kept by the collective’s officers (issue rule 4)', () => {
  it('lets only the branch’s own secretary draft, submit and withdraw the branch’s book', async () => {
    expect((await h.call(b.wang, 'POST', '/api/v1/pledges', collective('branch-1'))).body).toMatchObject({ status: 403, code: 'not_the_pledger' });
    expect((await h.call(peng, 'POST', '/api/v1/pledges', collective('branch-1'))).status).toBe(403);
    const drafted = await h.call(b.secretary, 'POST', '/api/v1/pledges', collective('branch-1'));
    expect(drafted.status).toBe(201);
    const id = drafted.body.pledgeId;
    expect((await h.call(peng, 'POST', `/api/v1/pledges/${id}/submit`)).body).toMatchObject({ status: 403, code: 'not_the_pledger' });
    expect((await h.call(b.admin, 'POST', `/api/v1/pledges/${id}/withdraw`, { reason: '不是我的' })).status).toBe(403);
    expect((await h.call(b.secretary, 'POST', `/api/v1/pledges/${id}/submit`)).status).toBe(200);
    const other = (await h.call(b.secretary, 'POST', '/api/v1/pledges', collective('branch-1'))).body.pledgeId;
    expect((await h.call(b.wang, 'POST', `/api/v1/pledges/${other}/withdraw`, { reason: '重複' })).status).toBe(403);
    expect((await h.call(b.secretary, 'POST', `/api/v1/pledges/${other}/withdraw`, { reason: '重複' })).status).toBe(200);
  });

  it('lets a party group’s leader keep the group’s book, not the branch secretary; progress by the officer only', async () => {
    expect((await h.call(b.secretary, 'POST', '/api/v1/pledges', collective('group-1'))).status).toBe(403);
    const drafted = await h.call(b.leader, 'POST', '/api/v1/pledges', collective('group-1'));
    expect(drafted.status).toBe(201);
    const id = drafted.body.pledgeId;
    expect((await h.call(b.leader, 'POST', `/api/v1/pledges/${id}/submit`)).status).toBe(200);
    await approveAndPublish(h.dataDir, id);
    await eventually(() => h.call(b.leader, 'GET', `/api/v1/pledges/${id}`), (r) => r.body.status === 'published');
    const record = { itemNo: 1, recordedOn: today(), narrative: '小組集體到孫家疃小學送學習用品', peopleAided: 12 };
    expect((await h.call(b.wang, 'POST', `/api/v1/pledges/${id}/progress`, record)).status).toBe(403);
    expect((await h.call(b.admin, 'POST', `/api/v1/pledges/${id}/progress`, record)).status).toBe(403);
    expect((await h.call(b.leader, 'POST', `/api/v1/pledges/${id}/progress`, record)).status).toBe(201);
  });

  it('shows a collective draft to the unit’s members and those who oversee, and to nobody else', async () => {
    const drafted = await h.call(b.leader, 'POST', '/api/v1/pledges', collective('group-1'));
    const id = drafted.body.pledgeId;
    // wang is in group-1; li is in group-2 (a plain member elsewhere); the secretary oversees.
    expect((await h.call(b.wang, 'GET', `/api/v1/pledges/${id}`)).status).toBe(200);
    expect((await h.call(b.li, 'GET', `/api/v1/pledges/${id}`)).status).toBe(404);
    expect((await h.call(b.secretary, 'GET', `/api/v1/pledges/${id}`)).status).toBe(200);
    expect((await h.call(b.li, 'GET', `/api/v1/pledges/${id}/history`)).status).toBe(404);
  });

  it('refuses a collective book for a unit that does not pledge as one', async () => {
    await h.call(b.admin, 'POST', `${weihai}/org-units`, { orgUnitId: 'office', type: 'appraisal-office', name: '考評辦' });
    expect((await h.call(b.admin, 'POST', '/api/v1/pledges', collective('office'))).body).toMatchObject({ status: 422, code: 'unit_cannot_pledge' });
  });
});

describe('guidance categories are set by the branch’s own secretary (issue rule 5)', () => {
  it('refuses another branch’s secretary with 403; the branch’s secretary and the bureau admin set them', async () => {
    const path = `${weihai}/branches/branch-1/guidance-categories/${YEAR}`;
    expect((await h.call(peng, 'PUT', path, { categories: ['elderly-care'] })).body).toMatchObject({ status: 403, code: 'not_the_branch_secretary' });
    expect((await h.call(b.secretary, 'PUT', path, { categories: ['student-aid', 'elderly-care'] })).status).toBe(200);
    expect((await h.call(b.admin, 'PUT', path, { categories: ['student-aid', 'elderly-care', 'village-support'] })).status).toBe(200);
    expect((await h.call(peng, 'PUT', `${weihai}/branches/branch-2/guidance-categories/${YEAR}`, { categories: ['elderly-care'] })).status).toBe(200);
    expect((await h.call(b.wang, 'GET', path)).body.categories).toEqual(['student-aid', 'elderly-care', 'village-support']);
  });
});

describe('PATCH of a member keeps the rules of adding one (issue rule 6)', () => {
  it('refuses to make staff outside any branch a full or probationary member; after a move into a group it may', async () => {
    const refused = await h.call(b.admin, 'PATCH', `${weihai}/members/wu`, { partyStatus: 'full' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'branch_required', errors: [{ field: '/partyStatus' }] });
    expect((await h.call(b.admin, 'PATCH', `${weihai}/members/wu`, { partyStatus: 'probationary' })).status).toBe(422);
    expect((await h.call(b.wang, 'GET', `${weihai}/members/wu`)).body.partyStatus).toBe('non-party');
    expect((await h.call(b.admin, 'POST', `${weihai}/members/wu/moves`, { toGroupId: 'group-1', effectiveOn: today() })).status).toBe(201);
    expect((await h.call(b.admin, 'PATCH', `${weihai}/members/wu`, { partyStatus: 'probationary' })).status).toBe(200);
    expect((await h.call(b.wang, 'GET', `${weihai}/members/wu`)).body).toMatchObject({ partyStatus: 'probationary', branchId: 'branch-1' });
  });
});

describe('a book’s year is a programme year the bureau has open (issue rule 13)', () => {
  it('refuses next year with 422 until the bureau admin opens it; never a year further away', async () => {
    expect((await h.call(b.leader, 'POST', '/api/v1/pledges', individual(items, YEAR + 1))).body).toMatchObject({ status: 422, code: 'year_not_open', currentYear: YEAR, errors: [{ field: '/year' }] });
    expect((await h.call(b.leader, 'POST', '/api/v1/pledges', individual(items, YEAR + 6))).body).toMatchObject({ status: 422, code: 'year_not_open' });
    expect((await h.call(b.secretary, 'POST', `${weihai}/years`, { year: YEAR + 1 })).status).toBe(403);
    expect((await h.call(b.admin, 'POST', `${weihai}/years`, { year: 'next' })).body).toMatchObject({ status: 400, errors: [{ field: '/year' }] });
    expect((await h.call(b.admin, 'POST', `${weihai}/years`, { year: YEAR + 6 })).body).toMatchObject({ status: 422, code: 'year_not_openable' });
    const opened = await h.call(b.admin, 'POST', `${weihai}/years`, { year: YEAR + 1 });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ year: YEAR + 1, changed: true });
    expect((await h.call(b.admin, 'POST', `${weihai}/years`, { year: YEAR + 1 })).body).toMatchObject({ changed: false });
    expect((await h.call(b.wang, 'GET', `${weihai}/years`)).body).toEqual({ currentYear: YEAR, open: [YEAR, YEAR + 1], closed: [] });
    expect((await h.call(b.leader, 'POST', '/api/v1/pledges', individual(items, YEAR + 1))).status).toBe(201);
  });
});

describe('an individual book names the caller when memberIds is left out (issue rule 15)', () => {
  it('drafts the caller’s own book', async () => {
    const drafted = await h.call(b.leader, 'POST', '/api/v1/pledges', individual(items));
    expect(drafted.status).toBe(201);
    expect((await h.call(b.leader, 'GET', `/api/v1/pledges/${drafted.body.pledgeId}`)).body).toMatchObject({ pledger: { type: 'individual', memberIds: ['zhao'] }, branchId: 'branch-1', groupId: 'group-1' });
    expect((await h.call(b.leader, 'POST', '/api/v1/pledges', individual(items))).body).toMatchObject({ status: 409, code: 'duplicate_individual_book' });
  });
});

describe('totals count a corrected record once and each beneficiary once (issue rule 7)', () => {
  it('shows on the pledge list what the corrections and beneficiary references leave', async () => {
    const id = (await h.call(b.secretary, 'POST', '/api/v1/pledges', individual(items))).body.pledgeId;
    expect((await h.call(b.secretary, 'POST', `/api/v1/pledges/${id}/submit`)).status).toBe(200);
    await approveAndPublish(h.dataDir, id);
    await eventually(() => h.call(b.secretary, 'GET', `/api/v1/pledges/${id}`), (r) => r.body.status === 'published');
    const record = async (body: Record<string, unknown>) => {
      const r = await h.call(b.secretary, 'POST', `/api/v1/pledges/${id}/progress`, { itemNo: 3, recordedOn: today(), narrative: '資助學生', ...body });
      if (r.status !== 201) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
      return r.body.recordId as string;
    };
    const march = await record({ peopleAided: 1, amountFen: 100_000, beneficiaryRef: 'student-07' });
    await record({ peopleAided: 1, amountFen: 50_000, beneficiaryRef: 'student-07' }); // the same student, again
    await record({ peopleAided: 1, amountFen: 120_000, beneficiaryRef: 'student-07', corrects: march });
    await record({ peopleAided: 1, amountFen: 110_000, beneficiaryRef: 'student-07', corrects: march }); // a second correction of the same record
    await record({ peopleAided: 3, volunteerHours: 4 });
    const onPosition = await h.call(b.secretary, 'POST', `/api/v1/pledges/${id}/progress`, { itemNo: 2, recordedOn: today(), narrative: '季度抽樣', beneficiaryRef: 'student-07' });
    expect(onPosition.body).toMatchObject({ status: 422, errors: [{ field: '/beneficiaryRef' }] });
    const expected = { peopleAided: 1 + 3, amountFen: 110_000 + 50_000, volunteerHours: 4, records: 3 };
    const listed = await eventually(() => h.call(b.admin, 'GET', `/api/v1/pledges?year=${YEAR}&memberId=sun`), (r) => r.body.items?.[0]?.totals?.records === 3);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({ pledgeId: id, totals: expected });
    expect(listed.body.items[0]).not.toHaveProperty('records');
  });

  it('counts a beneficiary aided through two members’ books once on the branch board', async () => {
    const board = () => h.call(b.admin, 'GET', `/api/v1/org-units/branch-1/board?year=${YEAR}`);
    // A paired book of two other members of the branch (each already has an individual book this year).
    const id = (await h.call(b.wang, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'paired', memberIds: ['wang', 'li'] }, items })).body.pledgeId;
    expect((await h.call(b.wang, 'POST', `/api/v1/pledges/${id}/submit`)).status).toBe(200);
    await approveAndPublish(h.dataDir, id);
    const before = await eventually(board, (r) => r.body.pledges?.some((p: { pledgeId: string }) => p.pledgeId === id));
    const recorded = await h.call(b.wang, 'POST', `/api/v1/pledges/${id}/progress`, { itemNo: 3, recordedOn: today(), narrative: '同一名學生', peopleAided: 1, amountFen: 30_000, beneficiaryRef: 'student-07' });
    expect(recorded.status).toBe(201);
    const after = await eventually(board, (r) => r.body.totals.amountFen === before.body.totals.amountFen + 30_000);
    expect(after.body.totals.peopleAided).toBe(before.body.totals.peopleAided);
  });
});
