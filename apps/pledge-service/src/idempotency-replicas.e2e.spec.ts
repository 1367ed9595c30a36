// Two replicas of the service on one store: an Idempotency-Key is claimed in the read-model
// store, so the same request sent to both (at once, or one after the other) is handled once
// and both answers are the same.
import { startServiceProcess, type Harness } from '@pledgebook/nest/testing';
import { join } from 'node:path';
import { items, seedBureau, YEAR } from './testing/fixtures';

const MAIN = join(__dirname, 'main.ts');
let a: Harness;
let b: Harness;

beforeAll(async () => {
  a = await startServiceProcess(MAIN);
  // The second replica trusts the first one's test key, so one token is good at both.
  b = await startServiceProcess(MAIN, { dataDir: a.dataDir, trustTestKey: false, env: { PLEDGEBOOK_PROCESS_ROLE: 'api' } });
}, 90_000);

afterAll(async () => {
  await b?.close();
  await a?.close();
});

describe('Idempotency-Key across replicas', () => {
  it('handles a key sent to both replicas at the same moment once: both get the first answer', async () => {
    const root = await a.as({ sub: 'root', bureauId: 'shandong', roles: ['system-admin'] });
    const keys = Array.from({ length: 12 }, (_, i) => `bureau-${i}`);
    const pairs = await Promise.all(
      keys.map((key, i) => {
        const body = { bureauId: `city-${i}`, name: `第${i}市統計局`, level: 'city' };
        return Promise.all([a.call(root, 'POST', '/api/v1/bureaus', body, { 'idempotency-key': key }), b.call(root, 'POST', '/api/v1/bureaus', body, { 'idempotency-key': key })]);
      }),
    );
    for (const [fromA, fromB] of pairs) {
      // Handled twice, the second registration would be a 409 (the bureau exists).
      expect([fromA.status, fromB.status]).toEqual([201, 201]);
      expect(fromB.body).toEqual(fromA.body);
      expect(fromB.body.revision).toBe(0);
    }
  }, 60_000);

  it('runs a write once whichever replica gets it, and gives both callers the same answer', async () => {
    const { wang } = await seedBureau(a);
    const created = await a.call(wang, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'individual', memberIds: ['wang'] }, items });
    expect(created.status).toBe(201);
    const path = `/api/v1/pledges/${created.body.pledgeId}`;
    const revised = { items: [...items, { kind: 'common', area: 'work-style', text: '每季走訪一個基層調查點', target: '全年4次' }] };

    // At the same moment, one to each replica.
    const [first, second] = await Promise.all([a.call(wang, 'PATCH', path, revised, { 'idempotency-key': 'revise-1' }), b.call(wang, 'PATCH', path, revised, { 'idempotency-key': 'revise-1' })]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));

    // Later, to the replica that may not have handled it: the stored answer.
    const later = await b.call(wang, 'PATCH', path, revised, { 'idempotency-key': 'revise-1' });
    const again = await a.call(wang, 'PATCH', path, revised, { 'idempotency-key': 'revise-1' });
    expect([later.body, again.body]).toEqual([first.body, first.body]);
    expect([later.headers.get('idempotent-replayed'), again.headers.get('idempotent-replayed')]).toEqual(['true', 'true']);

    const history = await b.call(wang, 'GET', `${path}/history`);
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual(['PledgeDrafted', 'PledgeRevised']);

    // The key with another body, at the other replica: refused, nothing written.
    const reused = await b.call(wang, 'PATCH', path, { items }, { 'idempotency-key': 'revise-1' });
    expect(reused.body).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
    expect((await a.call(wang, 'GET', `${path}/history`)).body.items).toHaveLength(2);
  }, 60_000);

  it('frees the key when the write fails, so a corrected retry runs', async () => {
    const wang = await a.as({ sub: 'wang', bureauId: 'weihai', roles: ['member'] });
    const missing = await b.call(wang, 'PATCH', '/api/v1/pledges/no-such-book', { items }, { 'idempotency-key': 'revise-2' });
    expect(missing.status).toBe(404);
    const again = await a.call(wang, 'PATCH', '/api/v1/pledges/no-such-book', { items }, { 'idempotency-key': 'revise-2' });
    expect(again.status).toBe(404);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
  });
});
