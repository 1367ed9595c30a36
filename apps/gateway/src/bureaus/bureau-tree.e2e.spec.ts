// The bureau tree at the gateway, with the gateway and the pledge service as processes on one
// data directory: the system admin sees every bureau as a list and a hierarchy; nobody else does.
import type { Caller, Harness } from '@pledgebook/nest/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { account, ADMIN_PASSWORD, login, registerBureaus, startSystem } from '../subscriptions/testing/processes';

const dataDir = mkdtempSync(join(tmpdir(), 'pledgebook-bureau-tree-'));
let pledge: Harness;
let gateway: Harness;
let root: Caller;
let bureauAdmin: Caller;

beforeAll(async () => {
  ({ pledge, gateway } = await startSystem(dataDir));
  root = await login(gateway, 'admin', ADMIN_PASSWORD);
  await registerBureaus(gateway, root);
  bureauAdmin = await account(gateway, root, 'shandong', 'shandong.admin', 'sun-li', ['member', 'bureau-admin', 'auditor']);
}, 180_000);
afterAll(async () => {
  await gateway?.close();
  await pledge?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The gateway learns bureaus from the pledge topic a moment after they are registered. */
async function treeOnceKnown(count: number): Promise<{ items: Array<Record<string, unknown>>; roots: Array<Record<string, unknown>> }> {
  for (let waited = 0; ; waited += 200) {
    const r = await gateway.call(root, 'GET', '/api/v1/bureau-tree');
    expect(r.status).toBe(200);
    if (r.body.items.length >= count) return r.body;
    if (waited > 30_000) throw new Error(`the gateway learned ${r.body.items.length} of ${count} bureaus`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('GET /api/v1/bureau-tree', () => {
  it('gives the system admin every bureau, as a list and as a hierarchy', async () => {
    const tree = await treeOnceKnown(4);
    expect(tree.items).toEqual([
      { bureauId: 'shandong', name: '山東省統計局', depth: 0, children: 2, parentKnown: true },
      { bureauId: 'qingdao', name: '青島市統計局', parentBureauId: 'shandong', depth: 1, children: 0, parentKnown: true },
      { bureauId: 'weihai', name: '威海市統計局', parentBureauId: 'shandong', depth: 1, children: 1, parentKnown: true },
      { bureauId: 'rongcheng', name: '榮成市統計局', parentBureauId: 'weihai', depth: 2, children: 0, parentKnown: true },
    ]);
    expect(tree.roots).toEqual([
      {
        bureauId: 'shandong',
        name: '山東省統計局',
        children: [
          { bureauId: 'qingdao', name: '青島市統計局', parentBureauId: 'shandong', children: [] },
          { bureauId: 'weihai', name: '威海市統計局', parentBureauId: 'shandong', children: [{ bureauId: 'rongcheng', name: '榮成市統計局', parentBureauId: 'weihai', children: [] }] },
        ],
      },
    ]);
  });

  it('starts from a root when asked', async () => {
    const r = await gateway.call(root, 'GET', '/api/v1/bureau-tree?root=weihai');
    expect(r.status).toBe(200);
    expect(r.body.items.map((i: { bureauId: string; depth: number }) => [i.bureauId, i.depth])).toEqual([
      ['weihai', 0],
      ['rongcheng', 1],
    ]);
  });

  it('answers bad input with a problem naming the field, an unknown root with 404', async () => {
    const malformed = await gateway.call(root, 'GET', '/api/v1/bureau-tree?root=Not%20a%20Bureau');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: '/query/root' })]));
    const unknownParameter = await gateway.call(root, 'GET', '/api/v1/bureau-tree?depth=2');
    expect(unknownParameter.status).toBe(400);
    const unknown = await gateway.call(root, 'GET', '/api/v1/bureau-tree?root=nowhere');
    expect(unknown.status).toBe(404);
  });

  it('refuses a caller without a token (401) and anyone who is not the system admin (403)', async () => {
    expect((await gateway.call(undefined, 'GET', '/api/v1/bureau-tree')).status).toBe(401);
    const refused = await gateway.call(bureauAdmin, 'GET', '/api/v1/bureau-tree');
    expect(refused.status).toBe(403);
    expect(refused.body.items).toBeUndefined();
  });
});
