import { type Bureau, eventually, items, seededService, YEAR } from './testing/fixtures';
import type { Harness } from './testing/pledge-service.harness';

const service = seededService();
let h: Harness;
let b: Bureau;
beforeAll(() => {
  ({ h, b } = service);
});

describe('bureaus', () => {
  it('lets only a system admin register, once, under an existing parent', async () => {
    expect((await h.call(b.admin, 'POST', '/api/v1/bureaus', { bureauId: 'yantai', name: '煙台市統計局' })).status).toBe(403);
    expect((await h.call(b.root, 'POST', '/api/v1/bureaus', { bureauId: 'weihai', name: 'again' })).body).toMatchObject({ status: 409, code: 'bureau_exists' });
    expect((await h.call(b.root, 'POST', '/api/v1/bureaus', { bureauId: 'yantai', name: 'x', parentBureauId: 'nowhere' })).body).toMatchObject({ status: 404, code: 'bureau_not_found' });
    expect((await h.call(b.root, 'POST', '/api/v1/bureaus', { bureauId: 'Yan Tai', name: 'x' })).body).toMatchObject({ status: 400, errors: [{ field: '/bureauId' }] });
    expect((await h.call(b.root, 'POST', '/api/v1/bureaus', { bureauId: 'yantai', name: 'x', mayor: 'y' })).status).toBe(400);
  });

  it('shows a bureau to its own people and to its parent’s auditors, not to a sibling', async () => {
    expect((await h.call(b.wang, 'GET', '/api/v1/bureaus/weihai')).body).toMatchObject({ bureauId: 'weihai', parentBureauId: 'shandong', members: 4, orgUnits: 4 });
    expect((await h.call(b.provinceAuditor, 'GET', '/api/v1/bureaus/weihai')).status).toBe(200);
    expect((await h.call(b.otherAdmin, 'GET', '/api/v1/bureaus/weihai')).status).toBe(403);
    expect((await h.call(b.provinceAuditor, 'POST', '/api/v1/bureaus/weihai/org-units', { type: 'department', name: 'x' })).status).toBe(403);
  });
});

describe('org units and members', () => {
  it('keeps party groups inside branches and only admins add units', async () => {
    expect((await h.call(b.admin, 'POST', '/api/v1/bureaus/weihai/org-units', { type: 'party-group', name: '第三黨小組' })).body).toMatchObject({ status: 422, code: 'parent_required', errors: [{ field: '/parentId' }] });
    expect((await h.call(b.wang, 'POST', '/api/v1/bureaus/weihai/org-units', { type: 'department', name: 'x' })).status).toBe(403);
    expect((await h.call(b.otherAdmin, 'POST', '/api/v1/bureaus/weihai/org-units', { type: 'department', name: 'x' })).status).toBe(403);
    expect((await h.call(b.admin, 'POST', '/api/v1/bureaus/weihai/org-units', { type: 'committee', name: 'x' })).body.errors[0].field).toBe('/type');
    const units = await eventually(() => h.call(b.wang, 'GET', '/api/v1/bureaus/weihai/org-units'), (r) => r.body.items?.length === 4);
    expect(units.body.items.map((u: { orgUnitId: string }) => u.orgUnitId).sort()).toEqual(['branch-1', 'dept-1', 'group-1', 'group-2']);
  });

  it('moves a member between groups and answers which group she was in on a date', async () => {
    const moved = await h.call(b.admin, 'POST', '/api/v1/bureaus/weihai/members/li/moves', { toGroupId: 'group-1', effectiveOn: `${YEAR}-06-01` });
    expect(moved.status).toBe(201);
    const before = await h.call(b.wang, 'GET', `/api/v1/bureaus/weihai/members/li?on=${YEAR}-03-01`);
    expect(before.body).toMatchObject({ memberId: 'li', groupId: 'group-1', placementOn: { groupId: 'group-2', branchId: 'branch-1' } });
    const after = await h.call(b.wang, 'GET', `/api/v1/bureaus/weihai/members/li?on=${YEAR}-06-01`);
    expect(after.body.placementOn).toEqual({ groupId: 'group-1', branchId: 'branch-1' });
    expect((await h.call(b.admin, 'POST', '/api/v1/bureaus/weihai/members/li/moves', { toGroupId: 'group-9', effectiveOn: `${YEAR}-07-01` })).status).toBe(404);
    expect((await h.call(b.admin, 'POST', '/api/v1/bureaus/weihai/members/li/moves', { toGroupId: 'group-2', effectiveOn: 'June' })).body.errors[0].field).toBe('/effectiveOn');
    expect((await h.call(b.wang, 'GET', '/api/v1/bureaus/weihai/members/nobody')).status).toBe(404);
    const listed = await eventually(() => h.call(b.wang, 'GET', '/api/v1/bureaus/weihai/members?limit=2'), (r) => r.body.items?.length === 2);
    expect(listed.body.nextCursor).toBeDefined();
  });

  it('updates member details and roles', async () => {
    const r = await h.call(b.admin, 'PATCH', '/api/v1/bureaus/weihai/members/li', { partyStatus: 'full', roles: ['member', 'group-leader'] });
    expect(r.status).toBe(200);
    expect((await h.call(b.wang, 'GET', '/api/v1/bureaus/weihai/members/li')).body).toMatchObject({ partyStatus: 'full', roles: ['member', 'group-leader'] });
    expect((await h.call(b.admin, 'PATCH', '/api/v1/bureaus/weihai/members/li', { roles: ['emperor'] })).status).toBe(400);
  });
});

describe('the year’s settings', () => {
  it('starts each branch with five guidance categories, which its secretary may change', async () => {
    const defaults = await h.call(b.wang, 'GET', `/api/v1/bureaus/weihai/branches/branch-1/guidance-categories/${YEAR}`);
    expect(defaults.body.categories).toHaveLength(5);
    expect((await h.call(b.wang, 'PUT', `/api/v1/bureaus/weihai/branches/branch-1/guidance-categories/${YEAR}`, { categories: ['elderly-care'] })).status).toBe(403);
    const set = await h.call(b.secretary, 'PUT', `/api/v1/bureaus/weihai/branches/branch-1/guidance-categories/${YEAR}`, { categories: ['student-aid', 'elderly-care'] });
    expect(set.status).toBe(200);
    const deed = { ...items[2], category: 'elderly-care' };
    expect((await h.call(b.wang, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'paired', memberIds: ['wang', 'li'] }, items: [deed] })).status).toBe(201);
    expect((await h.call(b.wang, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'paired', memberIds: ['wang', 'li'] }, items: [{ ...deed, category: 'village-support' }] })).body.code).toBe('unknown_category');
    expect((await h.call(b.secretary, 'PUT', `/api/v1/bureaus/weihai/branches/group-1/guidance-categories/${YEAR}`, { categories: ['x'] })).body.code).toBe('wrong_unit_type');
  });

  it('publishes the appraisal office’s staff assignment for the year', async () => {
    const put = await h.call(b.admin, 'PUT', `/api/v1/bureaus/weihai/appraisal-office/${YEAR}`, { staff: [{ memberId: 'zhao', duty: '考核記錄與打分' }] });
    expect(put.status).toBe(200);
    expect((await h.call(b.wang, 'GET', `/api/v1/bureaus/weihai/appraisal-office/${YEAR}`)).body).toEqual({ year: YEAR, staff: [{ memberId: 'zhao', duty: '考核記錄與打分', name: '趙建國' }] });
    expect((await h.call(b.wang, 'GET', `/api/v1/bureaus/weihai/appraisal-office/${YEAR - 5}`)).status).toBe(404);
  });

  it('closes a year: its open books are closed and no new book can be drafted for it', async () => {
    const last = YEAR - 1;
    expect((await h.call(b.admin, 'POST', '/api/v1/bureaus/weihai/years', { year: last })).status).toBe(201); // opened to enter its books late
    const draft = await h.call(b.li, 'POST', '/api/v1/pledges', { year: last, pledger: { type: 'individual', memberIds: ['li'] }, items });
    expect(draft.status).toBe(201);
    await eventually(() => h.call(b.admin, 'GET', `/api/v1/pledges?year=${last}`), (r) => r.body.items?.length === 1);
    const closed = await h.call(b.admin, 'POST', `/api/v1/bureaus/weihai/years/${last}/close`);
    expect(closed.body).toMatchObject({ year: last });
    // The close-year policy closes the year's open books, reacting to YearClosed.
    await eventually(() => h.call(b.li, 'GET', `/api/v1/pledges/${draft.body.pledgeId}`), (r) => r.body.status === 'closed');
    expect((await h.call(b.wang, 'POST', '/api/v1/pledges', { year: last, pledger: { type: 'individual', memberIds: ['wang'] }, items })).body).toMatchObject({ status: 409, code: 'year_closed' });
  });
});

describe('CSV import', () => {
  const header = 'record,key,name,type,parent,partyStatus,branch,group,department,roles';
  const file = [
    header,
    'unit,branch-2,統計局第二黨支部,party-branch,,,,,,',
    'unit,group-3,第三黨小組,party-group,branch-2,,,,,',
    'member,zhou,周文,,,full,,group-3,dept-1,member',
    'member,wu,吳靜,,,non-party,,,dept-1,member',
    'member,wang,王曉東,,,full,,group-1,dept-1,member;group-leader',
  ].join('\n');
  const csv = { 'content-type': 'text/csv' };

  it('imports a whole bureau, updates those already known, and changes nothing the second time', async () => {
    const first = await h.call(b.admin, 'POST', '/api/v1/bureaus/weihai/directory/import', file, csv);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ rows: 5, eventsAppended: 5 });
    expect((await h.call(b.wang, 'GET', '/api/v1/bureaus/weihai/members/zhou')).body).toMatchObject({ branchId: 'branch-2', groupId: 'group-3' });
    expect((await h.call(b.wang, 'GET', '/api/v1/bureaus/weihai/members/wang')).body.roles).toEqual(['member', 'group-leader']);
    const again = await h.call(b.admin, 'POST', '/api/v1/bureaus/weihai/directory/import', file, csv);
    expect(again.body).toMatchObject({ eventsAppended: 0, revision: first.body.revision });
  });

  it('rejects a file with problems whole, naming each line and column', async () => {
    const before = (await h.call(b.wang, 'GET', '/api/v1/bureaus/weihai')).body;
    const bad = [header, 'member,qian,錢多,,,full,,group-3,,member', 'member,feng,馮, , ,retired,,,,', 'unit,group-4,第四黨小組,party-group,branch-9,,,,,'].join('\n');
    const r = await h.call(b.admin, 'POST', '/api/v1/bureaus/weihai/directory/import', bad, csv);
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('import_rejected');
    expect(r.body.problems.map((p: { line: number; column: string }) => `${p.line}:${p.column}`)).toEqual(['3:partyStatus', '4:parent']);
    const after = (await h.call(b.wang, 'GET', '/api/v1/bureaus/weihai')).body;
    expect(after.revision).toBe(before.revision);
    expect((await h.call(b.wang, 'GET', '/api/v1/bureaus/weihai/members/qian')).status).toBe(404);
  });

  it('answers a missing header with 422, bad CSV with 400, and another media type with 415', async () => {
    expect((await h.call(b.admin, 'POST', '/api/v1/bureaus/weihai/directory/import', 'record,key\nunit,x', csv)).body).toMatchObject({ status: 422, code: 'missing_columns' });
    expect((await h.call(b.admin, 'POST', '/api/v1/bureaus/weihai/directory/import', `${header}\nunit,"broken`, csv)).status).toBe(400);
    expect((await h.call(b.admin, 'POST', '/api/v1/bureaus/weihai/directory/import', { rows: [] })).status).toBe(415);
    expect((await h.call(b.wang, 'POST', '/api/v1/bureaus/weihai/directory/import', file, csv)).status).toBe(403);
  });
});

describe('more bad inputs', () => {
  it('checks the appraisal office body and the year in the path', async () => {
    expect((await h.call(b.admin, 'PUT', `/api/v1/bureaus/weihai/appraisal-office/${YEAR}`, { staff: [] })).body).toMatchObject({ status: 400, errors: [{ field: '/staff' }] });
    expect((await h.call(b.admin, 'PUT', `/api/v1/bureaus/weihai/appraisal-office/${YEAR}`, { staff: [{ memberId: 'ghost', duty: 'x' }] })).status).toBe(404);
    expect((await h.call(b.admin, 'PUT', '/api/v1/bureaus/weihai/appraisal-office/1066', { staff: [{ memberId: 'zhao', duty: 'x' }] })).body.errors[0].field).toBe('/year');
    expect((await h.call(b.wang, 'PUT', `/api/v1/bureaus/weihai/appraisal-office/${YEAR}`, { staff: [{ memberId: 'zhao', duty: 'x' }] })).status).toBe(403);
  });

  it('checks board and member-pledge queries', async () => {
    expect((await h.call(b.wang, 'GET', '/api/v1/org-units/branch-1/board?year=soon')).body.errors[0].field).toBe('/query/year');
    expect((await h.call(b.wang, 'GET', '/api/v1/org-units/branch-1/board?colour=red')).status).toBe(400);
    expect((await h.call(b.wang, 'GET', '/api/v1/members/wang/pledges?year=soon')).status).toBe(400);
    expect((await h.call(undefined, 'GET', '/api/v1/members/wang/pledges')).status).toBe(401);
  });
});
