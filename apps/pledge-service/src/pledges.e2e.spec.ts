import { type Bureau, eventually, items, seededService, today, YEAR } from './testing/fixtures';
import type { Harness } from './testing/pledge-service.harness';
import { approveAndPublish, publishReviewEvent } from './testing/review-events';

const service = seededService();
let h: Harness;
let b: Bureau;
beforeAll(() => {
  ({ h, b } = service);
});

const draftBody = (memberIds = ['wang'], overrides: Record<string, unknown> = {}) => ({ year: YEAR, pledger: { type: 'individual', memberIds }, items, ...overrides });

describe('pledge books', () => {
  let pledgeId: string;
  let created: number;

  it('drafts a pledge book: 201 with its id, ETag and Location, items numbered', async () => {
    const r = await h.call(b.wang, 'POST', '/api/v1/pledges', draftBody());
    expect(r.status).toBe(201);
    pledgeId = r.body.pledgeId;
    expect(r.body).toEqual({ pledgeId, revision: 0 });
    expect(r.headers.get('etag')).toBe('"0"');
    expect(r.headers.get('location')).toBe(`/api/v1/pledges/${pledgeId}`);
    created = Date.now();
    const got = await h.call(b.wang, 'GET', `/api/v1/pledges/${pledgeId}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ pledgeId, status: 'draft', year: YEAR, branchId: 'branch-1', groupId: 'group-1', revision: 0 });
    expect(got.body.items.map((i: { no: number; kind: string }) => `${i.no}:${i.kind}`)).toEqual(['1:common', '2:position', '3:deed']);
  });

  it('allows one individual book per member and year', async () => {
    const r = await h.call(b.wang, 'POST', '/api/v1/pledges', draftBody());
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ status: 409, code: 'duplicate_individual_book', existingPledgeId: pledgeId });
  });

  it('revises with If-Match, refusing a stale ETag with 412', async () => {
    const revised = { items: [items[0], { ...items[1], target: '數據質量考核全省第一' }, items[2]] };
    const stale = await h.call(b.wang, 'PATCH', `/api/v1/pledges/${pledgeId}`, revised, { 'if-match': '"7"' });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'concurrent_change', currentRevision: 0 });
    const fresh = await h.call(b.wang, 'PATCH', `/api/v1/pledges/${pledgeId}`, revised, { 'if-match': '"0"' });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('etag')).toBe('"1"');
    const got = await h.call(b.wang, 'GET', `/api/v1/pledges/${pledgeId}`);
    expect(got.body.items[1].target).toBe('數據質量考核全省第一');
  });

  it('hides a draft from other members and from other bureaus, and refuses their writes', async () => {
    expect((await h.call(b.li, 'GET', `/api/v1/pledges/${pledgeId}`)).status).toBe(404);
    expect((await h.call(b.otherAdmin, 'GET', `/api/v1/pledges/${pledgeId}`)).status).toBe(403);
    expect((await h.call(b.li, 'POST', `/api/v1/pledges/${pledgeId}/submit`)).body).toMatchObject({ status: 403, code: 'not_the_pledger' });
    expect((await h.call(b.otherAdmin, 'POST', `/api/v1/pledges/${pledgeId}/submit`)).status).toBe(403);
    expect((await h.call(b.leader, 'GET', `/api/v1/pledges/${pledgeId}`)).status).toBe(200);
  });

  it('submits once; submitting again is a 409 naming the current state', async () => {
    const r = await h.call(b.wang, 'POST', `/api/v1/pledges/${pledgeId}/submit`);
    expect(r.status).toBe(200);
    expect(r.body.revision).toBe(2);
    const again = await h.call(b.wang, 'POST', `/api/v1/pledges/${pledgeId}/submit`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: 409, code: 'wrong_state', currentState: 'submitted' });
  });

  it('records the review service’s approval and publication from the bus, once each', async () => {
    await approveAndPublish(h.dataDir, pledgeId);
    const got = await eventually(() => h.call(b.wang, 'GET', `/api/v1/pledges/${pledgeId}`), (r) => r.body.status === 'published');
    expect(got.body).toMatchObject({ status: 'published', approval: { reviewId: `review-${pledgeId}`, round: 1 } });
    expect(got.body.revision).toBe(4);
  });

  it('records fulfilment with deed figures and corrections, and totals them on the board', async () => {
    const first = await h.call(b.wang, 'POST', `/api/v1/pledges/${pledgeId}/progress`, { itemNo: 3, recordedOn: today(), narrative: '送去學費和文具', evidence: ['receipt-1.pdf'], peopleAided: 1, amountFen: 100000 });
    expect(first.status).toBe(201);
    const fix = await h.call(b.wang, 'POST', `/api/v1/pledges/${pledgeId}/progress`, { itemNo: 3, recordedOn: today(), narrative: '更正金額', peopleAided: 1, amountFen: 120000, corrects: first.body.recordId });
    expect(fix.status).toBe(201);
    const position = await h.call(b.wang, 'POST', `/api/v1/pledges/${pledgeId}/progress`, { itemNo: 2, recordedOn: today(), narrative: '完成季度抽樣', amountFen: 5 });
    expect(position.body).toMatchObject({ status: 422, code: 'deed_figures_only', errors: [{ field: '/amountFen' }] });
    const board = await eventually(() => h.call(b.li, 'GET', `/api/v1/org-units/branch-1/board?year=${YEAR}`), (r) => r.body.totals?.amountFen === 120000);
    expect(board.body.totals).toEqual({ peopleAided: 1, amountFen: 120000, volunteerHours: 0 });
    expect(board.body.pledges.map((p: { pledgeId: string }) => p.pledgeId)).toContain(pledgeId);
    // Published: now every member of the bureau may read it.
    expect((await h.call(b.li, 'GET', `/api/v1/pledges/${pledgeId}`)).status).toBe(200);
  });

  it('tells the whole story in the history, with actors, roles and causes, and verifies the chain', async () => {
    const r = await h.call(b.auditor, 'GET', `/api/v1/pledges/${pledgeId}/history?limit=100`);
    expect(r.status).toBe(200);
    expect(r.body.items.map((e: { type: string }) => e.type)).toEqual([
      'PledgeDrafted', 'PledgeRevised', 'PledgeSubmitted', 'PledgeApproved', 'PledgePublished', 'ProgressRecorded', 'ProgressRecorded',
    ]);
    expect(r.body.items[0]).toMatchObject({ revision: 0, actorId: 'wang', actorRole: 'member' });
    expect(r.body.items[3]).toMatchObject({ actorId: 'sun', actorRole: 'branch-secretary' });
    expect(r.body.items[3].causationId).not.toBe(r.body.items[3].correlationId);
    const page = await h.call(b.auditor, 'GET', `/api/v1/pledges/${pledgeId}/history?limit=3`);
    expect(page.body.items).toHaveLength(3);
    const next = await h.call(b.auditor, 'GET', `/api/v1/pledges/${pledgeId}/history?limit=3&cursor=${page.body.nextCursor}`);
    expect(next.body.items[0].revision).toBe(3);
    const verified = await h.call(b.auditor, 'GET', `/api/v1/pledges/${pledgeId}/verify`);
    expect(verified.body).toMatchObject({ ok: true, eventsChecked: 7 });
    expect((await h.call(b.provinceAuditor, 'GET', `/api/v1/pledges/${pledgeId}/history`)).status).toBe(200);
  });

  it('replays the pledge as it stood at a moment (asOf), from the event store', async () => {
    const history = (await h.call(b.auditor, 'GET', `/api/v1/pledges/${pledgeId}/history?limit=100`)).body.items;
    const submittedAt = history[2].recordedAt;
    const asOf = await h.call(b.auditor, 'GET', `/api/v1/pledges/${pledgeId}?asOf=${encodeURIComponent(submittedAt)}`);
    expect(asOf.status).toBe(200);
    expect(asOf.body).toMatchObject({ status: 'submitted', revision: 2, asOf: submittedAt });
    expect(asOf.headers.get('etag')).toBe('"2"');
    const before = await h.call(b.auditor, 'GET', `/api/v1/pledges/${pledgeId}?asOf=${new Date(created - 60_000).toISOString()}`);
    expect(before.status).toBe(404);
    expect((await h.call(b.auditor, 'GET', `/api/v1/pledges/${pledgeId}?asOf=yesterday`)).body).toMatchObject({ status: 400, errors: [{ field: '/query/asOf' }] });
  });
});

describe('paired and collective books, lists', () => {
  it('lets a pair pledge jointly and a branch secretary keep the branch’s book', async () => {
    const paired = await h.call(b.li, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'paired', memberIds: ['li', 'wang'] }, items: [items[2]] });
    expect(paired.status).toBe(201);
    const collective = await h.call(b.secretary, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'collective', orgUnitId: 'branch-1' }, items: [items[2]] });
    expect(collective.status).toBe(201);
    // A party group's collective book is kept by its leader and belongs to the group's branch (its meeting reviews it, its secretary publishes it).
    const groupBook = await h.call(b.leader, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'collective', orgUnitId: 'group-1' }, items: [items[2]] });
    expect(groupBook.status).toBe(201);
    expect((await h.call(b.secretary, 'GET', `/api/v1/pledges/${groupBook.body.pledgeId}`)).body).toMatchObject({ branchId: 'branch-1', pledger: { type: 'collective', orgUnitId: 'group-1' } });
    const mine = await eventually(() => h.call(b.wang, 'GET', `/api/v1/members/wang/pledges?year=${YEAR}`), (r) => r.body.pledges?.length === 2);
    expect(mine.body.pledges.map((p: { pledger: { type: string } }) => p.pledger.type).sort()).toEqual(['individual', 'paired']);
  });

  it('pages lists with an opaque cursor', async () => {
    const first = await h.call(b.admin, 'GET', `/api/v1/pledges?year=${YEAR}&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    const second = await h.call(b.admin, 'GET', `/api/v1/pledges?year=${YEAR}&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(2);
    if (second.body.nextCursor) expect((await h.call(b.admin, 'GET', `/api/v1/pledges?year=${YEAR}&limit=2&cursor=${second.body.nextCursor}`)).body.items).toHaveLength(0);
    const ids = [...first.body.items, ...second.body.items].map((p: { pledgeId: string }) => p.pledgeId);
    expect(new Set(ids).size).toBe(4);
    expect((await h.call(b.admin, 'GET', `/api/v1/pledges?cursor=garbage`)).body).toMatchObject({ status: 400, code: 'invalid_cursor', errors: [{ field: '/query/cursor' }] });
    expect((await h.call(b.admin, 'GET', `/api/v1/pledges?limit=0`)).body).toMatchObject({ status: 400, errors: [{ field: '/query/limit' }] });
    expect((await h.call(b.otherAdmin, 'GET', `/api/v1/pledges?year=${YEAR}`)).body.items).toEqual([]);
  });
});

describe('bad input changes nothing', () => {
  const count = async () => (await h.call(b.admin, 'GET', `/api/v1/pledges?limit=200`)).body.items.length;

  it.each([
    ['a missing field', { year: YEAR, pledger: { type: 'individual', memberIds: ['li'] } }, '/items'],
    ['a wrong type', { ...draftBody(['li']), year: 'next year' }, '/year'],
    ['an unknown field', { ...draftBody(['li']), priority: 'high' }, '/priority'],
    ['an unknown item kind', draftBody(['li'], { items: [{ ...items[0], kind: 'secret' }] }), '/items/0/kind'],
  ])('%s: 400 naming the field', async (_what, body, field) => {
    const before = await count();
    const r = await h.call(b.li, 'POST', '/api/v1/pledges', body);
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await count()).toBe(before);
  });

  it('refuses a rule break with 422 naming the item field, and writes nothing', async () => {
    const r = await h.call(b.li, 'POST', '/api/v1/pledges', draftBody(['li'], { items: [items[0], items[1], { ...items[2], category: 'tourism' }] }));
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'unknown_category', errors: [{ field: '/items/2/category' }] });
    const again = await h.call(b.li, 'POST', '/api/v1/pledges', draftBody(['li']));
    expect(again.status).toBe(201); // the refused draft reserved nothing
  });

  it('answers malformed JSON with 400 and an oversize body with 413', async () => {
    expect((await h.call(b.li, 'POST', '/api/v1/pledges', '{"year": 20', { 'content-type': 'application/json' })).body).toMatchObject({ status: 400, code: 'malformed_json' });
    const huge = draftBody(['li'], { items: [{ ...items[0], text: 'x'.repeat(300_000) }] });
    expect((await h.call(b.li, 'POST', '/api/v1/pledges', huge)).status).toBe(413);
  });

  it('answers 404 for unknown pledges and ids that cannot exist', async () => {
    expect((await h.call(b.wang, 'GET', '/api/v1/pledges/018f0000-0000-7000-8000-000000000000')).body).toMatchObject({ status: 404, code: 'pledge_not_found' });
    expect((await h.call(b.wang, 'GET', '/api/v1/pledges/bad%20id')).body).toMatchObject({ status: 400, errors: [{ field: '/pledgeId' }] });
    expect((await h.call(b.wang, 'POST', '/api/v1/pledges/018f0000-0000-7000-8000-000000000000/submit')).status).toBe(404);
  });

  it('refuses missing, forged and expired tokens with 401', async () => {
    expect((await h.call(undefined, 'GET', '/api/v1/pledges')).status).toBe(401);
    expect((await h.call({ ...b.wang, token: `${b.wang.token.slice(0, -4)}AAAA` }, 'GET', '/api/v1/pledges')).status).toBe(401);
    const expired = { ...b.wang, token: await h.tokens.sign(b.wang.claims, { expiresIn: '-1m' }) };
    expect((await h.call(expired, 'GET', '/api/v1/pledges')).body).toMatchObject({ status: 401 });
    const wrongAudience = { ...b.wang, token: await h.tokens.sign(b.wang.claims, { audience: 'someone-else' }) };
    expect((await h.call(wrongAudience, 'GET', '/api/v1/pledges')).status).toBe(401);
  });
});

describe('Idempotency-Key', () => {
  it('writes once for the same key and body, and refuses the key with another body', async () => {
    const member = await h.as({ sub: 'zhao', bureauId: 'weihai', roles: ['member', 'group-leader'] });
    const body = draftBody(['zhao']);
    const [a, c] = await Promise.all([
      h.call(member, 'POST', '/api/v1/pledges', body, { 'idempotency-key': 'draft-zhao-1' }),
      h.call(member, 'POST', '/api/v1/pledges', body, { 'idempotency-key': 'draft-zhao-1' }),
    ]);
    expect([a.status, c.status]).toEqual([201, 201]);
    expect(c.body).toEqual(a.body);
    const replay = await h.call(member, 'POST', '/api/v1/pledges', body, { 'idempotency-key': 'draft-zhao-1' });
    expect(replay.body).toEqual(a.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const history = await h.call(member, 'GET', `/api/v1/pledges/${a.body.pledgeId}/history`);
    expect(history.body.items).toHaveLength(1);
    const reused = await h.call(member, 'POST', '/api/v1/pledges', { ...body, year: YEAR + 1 }, { 'idempotency-key': 'draft-zhao-1' });
    expect(reused.body).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
    expect((await h.call(member, 'POST', '/api/v1/pledges', body, { 'idempotency-key': 'has a space' })).status).toBe(400);
  });
});

describe('review decisions', () => {
  it('returns a book with verdicts per item; resubmission opens round 2', async () => {
    const member = await h.as({ sub: 'sun', bureauId: 'weihai', roles: ['member', 'branch-secretary'] });
    const created = await h.call(member, 'POST', '/api/v1/pledges', draftBody(['sun']));
    const id = created.body.pledgeId;
    await h.call(member, 'POST', `/api/v1/pledges/${id}/submit`);
    const verdicts = [{ itemNo: 1, verdict: 'approved' }, { itemNo: 2, verdict: 'revise', reason: '目標需可量化' }, { itemNo: 3, verdict: 'approved' }];
    const returned = await publishReviewEvent(h.dataDir, 'pledgebook.review.pledge-returned.v1', id, { pledgeId: id, reviewId: 'rv-1', round: 1, stage: 'branch', verdicts, decidedBy: 'sun', decidedAt: new Date().toISOString() });
    const got = await eventually(() => h.call(member, 'GET', `/api/v1/pledges/${id}`), (r) => r.body.status === 'returned');
    expect(got.body.lastReturn).toMatchObject({ reviewId: 'rv-1', round: 1, verdicts });
    // The same decision delivered again changes nothing.
    await publishReviewEvent(h.dataDir, 'pledgebook.review.pledge-returned.v1', id, { pledgeId: id, reviewId: 'rv-1', round: 1, stage: 'branch', verdicts, decidedBy: 'sun', decidedAt: new Date().toISOString() });
    await new Promise((r) => setTimeout(r, 500));
    expect((await h.call(member, 'GET', `/api/v1/pledges/${id}`)).body.revision).toBe(2);
    const resubmitted = await h.call(member, 'POST', `/api/v1/pledges/${id}/submit`);
    expect(resubmitted.status).toBe(200);
    expect((await h.call(member, 'GET', `/api/v1/pledges/${id}`)).body.round).toBe(2);
    const history = await h.call(member, 'GET', `/api/v1/pledges/${id}/history`);
    expect(history.body.items.find((e: { type: string }) => e.type === 'PledgeReturned').causationId).toBe(returned.id);
  });
});

describe('OpenAPI', () => {
  it('serves the document at /api/docs without a token, with request bodies from the validating schemas', async () => {
    const r = await h.call(undefined, 'GET', '/api/docs/openapi.json');
    expect(r.status).toBe(200);
    expect(Object.keys(r.body.paths)).toEqual(expect.arrayContaining(['/api/v1/pledges', '/api/v1/pledges/{pledgeId}/history', '/api/v1/bureaus/{bureauId}/directory/import']));
    const draft = r.body.paths['/api/v1/pledges'].post.requestBody.content['application/json'].schema;
    expect(draft.required).toEqual(expect.arrayContaining(['year', 'pledger', 'items']));
    expect(draft.additionalProperties).toBe(false);
    expect((await h.call(undefined, 'GET', '/api/docs')).status).toBe(200);
  });
});

describe('withdrawing', () => {
  it('withdraws a submitted book with a reason; needs the reason; not after approval', async () => {
    const member = await h.as({ sub: 'li', bureauId: 'weihai', roles: ['member'] });
    const created = await h.call(member, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'paired', memberIds: ['li', 'wang'] }, items: [items[2]] });
    const id = created.body.pledgeId;
    expect((await h.call(member, 'POST', `/api/v1/pledges/${id}/withdraw`, {})).body).toMatchObject({ status: 400, errors: [{ field: '/reason' }] });
    expect((await h.call(member, 'POST', `/api/v1/pledges/${id}/withdraw`, { reason: '  ' })).body).toMatchObject({ status: 422, code: 'invalid_reason' });
    expect((await h.call(b.otherAdmin, 'POST', `/api/v1/pledges/${id}/withdraw`, { reason: 'x' })).status).toBe(403);
    const withdrawn = await h.call(member, 'POST', `/api/v1/pledges/${id}/withdraw`, { reason: '調離本局' });
    expect(withdrawn.status).toBe(200);
    const history = await h.call(member, 'GET', `/api/v1/pledges/${id}/history`);
    expect(history.body.items.at(-1)).toMatchObject({ type: 'PledgeWithdrawn', reason: '調離本局' });
    expect((await h.call(member, 'POST', `/api/v1/pledges/${id}/withdraw`, { reason: 'again' })).body).toMatchObject({ status: 409, currentState: 'withdrawn' });
  });
});
