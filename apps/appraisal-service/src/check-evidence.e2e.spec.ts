// Evidence files on a monthly check, with the appraisal service as its own process: the group
// leader uploads a scan (hashed by the service), names it on a member's entry, the hash lands in
// the MonthlyCheckRecorded event; hostile uploads and references are refused with nothing written;
// the member whose entry names the file sees it, no other member does.
import type { Caller, Harness, Reply } from '@pledgebook/nest/testing';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { appraisalCaller, appraisalEvents, eventually, must, PEOPLE, seedFacts, startAppraisal, statusOf, YEAR } from './testing/world';

const B = 'weihai';
const base = `/api/v1/appraisals/bureaus/${B}`;
const month = `${YEAR}-03`;
const scan = Buffer.from('%PDF-1.4\n% 学习笔记扫描件\n1 0 obj << >> endobj\n%%EOF\n');
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
let h: Harness;
const as: Record<string, Caller> = {};

beforeAll(async () => {
  h = await startAppraisal(join(__dirname, 'testing', 'shifted-clock.main.ts'));
  await seedFacts(h.dataDir, B, '威海市统计局');
  for (const [sub, p] of Object.entries(PEOPLE)) as[sub] = await appraisalCaller(h, sub, B, p.roles);
  as.mole = await appraisalCaller(h, 'mole', 'yantai', ['member', 'group-leader']);
  await eventually(() => h.call(as.zhao, 'GET', `${base}/groups/group-1/checks/${month}/roster`), (r) => r.body?.members?.length === 4);
}, 120_000);
afterAll(() => h?.close());

async function upload(who: string, body: Buffer, type: string) {
  const r = await fetch(`${h.baseUrl}${base}/evidence`, { method: 'POST', headers: { authorization: `Bearer ${as[who]!.token}`, 'content-type': type }, body });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

async function entries(attachments: unknown[]) {
  const roster = await must(h.call(as.zhao, 'GET', `${base}/groups/group-1/checks/${month}/roster`));
  return roster.body.members.map((m: { memberId: string; items: Array<{ pledgeId: string; itemNo: number; dueQuarter?: number }> }, i: number) => ({
    memberId: m.memberId,
    note: '按计划推进',
    items: m.items.map((it) => ({ pledgeId: it.pledgeId, itemNo: it.itemNo, status: statusOf(m.memberId, it.itemNo, month, it.dueQuarter) })),
    ...(i === 0 ? { attachments } : {}),
  }));
}

describe('evidence on a monthly check', () => {
  const ref = { sha256: sha(scan), size: scan.length, mediaType: 'application/pdf', name: '学习笔记扫描件.pdf' };

  it('takes uploads from the bureau’s group leaders only, of the accepted types', async () => {
    expect(await upload('zhao', scan, 'application/pdf')).toEqual({ status: 201, body: { sha256: sha(scan), size: scan.length, mediaType: 'application/pdf' } });
    expect((await upload('sun', scan, 'application/pdf')).status).toBe(403);
    expect((await upload('mole', scan, 'application/pdf')).status).toBe(403);
    expect((await upload('zhao', Buffer.from('<svg onload="alert(1)"/>'), 'image/png')).body).toMatchObject({ status: 415, code: 'unsupported_media_type' });
  });

  it('refuses an entry naming a file not stored, or a path for a name, and writes nothing', async () => {
    const before = appraisalEvents(h.dataDir, B);
    const post = async (attachment: unknown): Promise<Reply> => h.call(as.zhao, 'POST', `${base}/groups/group-1/checks/${month}`, { entries: await entries([attachment]) });
    const unknown = await post({ ...ref, sha256: sha(Buffer.from('never uploaded')) });
    expect([unknown.status, unknown.body.code, unknown.body.errors[0].field]).toEqual([422, 'unknown_evidence', '/entries/0/attachments/0/sha256']);
    const traversal = await post({ ...ref, name: '../../../data/eventstore.db' });
    expect([traversal.status, traversal.body.errors[0].field]).toEqual([400, '/entries/0/attachments/0/name']);
    expect(appraisalEvents(h.dataDir, B)).toBe(before);
  });

  it('keeps the file’s hash in the MonthlyCheckRecorded event and serves the file to the check’s readers', async () => {
    const recorded = await h.call(as.zhao, 'POST', `${base}/groups/group-1/checks/${month}`, { entries: await entries([ref]) });
    expect(recorded.status).toBe(201);
    expect(recorded.body.entries[0].attachments).toEqual([ref]);
    const db = new Database(join(h.dataDir, 'eventstore.db'), { readonly: true });
    const row = db.prepare("SELECT data FROM events WHERE type = 'MonthlyCheckRecorded' ORDER BY position DESC LIMIT 1").get() as { data: string };
    db.close();
    expect((JSON.parse(row.data) as { entries: Array<{ attachments?: unknown }> }).entries[0]!.attachments).toEqual([ref]);
    const get = (who: string, hash: string) => fetch(`${h.baseUrl}${base}/groups/group-1/checks/${month}/evidence/${hash}`, { headers: { authorization: `Bearer ${as[who]!.token}` } });
    const file = await get('wang', sha(scan));
    expect([file.status, file.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(Buffer.from(await file.arrayBuffer()).equals(scan)).toBe(true);
    expect((await get('gao', sha(scan))).status).toBe(403);
    expect((await get('zhao', sha(Buffer.from('other')))).status).toBe(404);
  });

  it('shows the member whose entry names the file, in her year and by the check’s route; no other member', async () => {
    const path = (hash: string, groupId = 'group-1') => `${base}/groups/${groupId}/checks/${month}/evidence/${hash}`;
    const get = (who: string | undefined, hash: string, groupId?: string) => fetch(`${h.baseUrl}${path(hash, groupId)}`, { headers: who ? { authorization: `Bearer ${as[who]!.token}` } : {} });
    // The roster is in member order: the file is on sun's entry.
    const year = await eventually(() => h.call(as.sun, 'GET', `${base}/members/sun/years/${YEAR}`), (r) => r.body?.checks?.some((c: { month: string }) => c.month === month));
    expect(year.body.checks.find((c: { month: string }) => c.month === month).attachments).toEqual([ref]);
    const own = await get('sun', sha(scan));
    expect([own.status, own.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(Buffer.from(await own.arrayBuffer()).equals(scan)).toBe(true);
    // Another member of the group, of another group, of another bureau: 403, file or no file.
    for (const who of ['zheng', 'wu', 'mole']) expect([who, (await get(who, sha(scan))).status]).toEqual([who, 403]);
    expect((await get('zheng', sha(Buffer.from('other')))).status).toBe(403);
    // Her own check route only, a well-formed hash, a signed-in caller.
    expect((await get('sun', sha(Buffer.from('other')))).status).toBe(403);
    expect((await get('sun', sha(scan), 'group-2')).status).toBe(403);
    expect((await get('sun', sha(scan), 'group-9')).status).toBe(404);
    const bad = await get('sun', 'not-a-hash');
    expect([bad.status, ((await bad.json()) as { errors: Array<{ field: string }> }).errors[0]!.field]).toEqual([400, '/sha256']);
    expect((await get(undefined, sha(scan))).status).toBe(401);
    // Another member's entry of the same check carries no file.
    const zheng = await must(h.call(as.zheng, 'GET', `${base}/members/zheng/years/${YEAR}`));
    expect(zheng.body.checks.find((c: { month: string }) => c.month === month)).not.toHaveProperty('attachments');
  });
});
