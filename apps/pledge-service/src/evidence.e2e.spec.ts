// Evidence files (佐證材料) on fulfilment records, with the service as its own process: uploads
// hashed by the service, hostile uploads and references refused with nothing written, the hash
// in the ProgressRecorded event (so the book's hash chain covers the file), and the file served back.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Bureau, eventually, items, seedBureau, today, YEAR } from './testing/fixtures';
import { startPledgeService, type Caller, type Harness } from './testing/pledge-service.harness';
import { approveAndPublish } from './testing/review-events';

const LIMIT = 64 * 1024;
// A real 1×1 PNG, and a PDF's first bytes.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const pdf = Buffer.from('%PDF-1.4\n% 收據\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let h: Harness;
let b: Bureau;
let pledgeId: string;

beforeAll(async () => {
  h = await startPledgeService({ EVIDENCE_MAX_BYTES: String(LIMIT) });
  b = await seedBureau(h);
  pledgeId = (await h.call(b.wang, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'individual', memberIds: ['wang'] }, items })).body.pledgeId;
  await h.call(b.wang, 'POST', `/api/v1/pledges/${pledgeId}/submit`);
  await approveAndPublish(h.dataDir, pledgeId);
  await eventually(() => h.call(b.wang, 'GET', `/api/v1/pledges/${pledgeId}`), (r) => r.body.status === 'published');
}, 90_000);
afterAll(() => h.close());

async function upload(caller: Caller | undefined, body: Buffer | ReadableStream<Uint8Array>, contentType?: string, id = pledgeId) {
  const response = await fetch(`${h.baseUrl}/api/v1/pledges/${id}/evidence`, {
    method: 'POST',
    headers: { ...(caller ? { authorization: `Bearer ${caller.token}` } : {}), ...(contentType ? { 'content-type': contentType } : {}) },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { errors?: Array<{ field: string }> } };
}

const stored = () => readdirSync(join(h.dataDir, 'evidence')).filter((d) => d !== '.partial').flatMap((d) => readdirSync(join(h.dataDir, 'evidence', d)));
const events = async () => (await h.call(b.auditor, 'GET', `/api/v1/pledges/${pledgeId}/history?limit=100`)).body.items as Array<{ type: string; data: Record<string, unknown>; hash: string }>;
const deed = (attachments: unknown[]) => ({ itemNo: 3, recordedOn: today(), narrative: '送去學費和文具', peopleAided: 1, amountFen: 100000, attachments });

describe('evidence files on a pledge book', () => {
  it('stores an upload under the hash the service computes, and answers it', async () => {
    const r = await upload(b.wang, png, 'image/png');
    expect(r).toEqual({ status: 201, body: { sha256: sha(png), size: png.length, mediaType: 'image/png' } });
    expect(existsSync(join(h.dataDir, 'evidence', sha(png).slice(0, 2), sha(png)))).toBe(true);
    expect((await upload(b.wang, pdf, 'application/pdf; charset=binary')).body).toEqual({ sha256: sha(pdf), size: pdf.length, mediaType: 'application/pdf' });
    // The same file again is the same blob.
    expect((await upload(b.wang, png, 'image/png')).body.sha256).toBe(sha(png));
  });

  it('refuses hostile uploads with 415 or 413 naming what is wrong, and keeps none of them', async () => {
    const before = stored();
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    for (const [body, type] of [[html, 'text/html'], [html, 'image/png'], [pdf, 'image/jpeg'], [Buffer.from('{"a":1}'), 'application/json'], [png, undefined], [Buffer.alloc(0), 'image/png']] as const) {
      const r = await upload(b.wang, body, type);
      expect(r.status).toBe(415);
      expect(r.body).toMatchObject({ code: 'unsupported_media_type', errors: [{ field: '/headers/content-type' }] });
    }
    const big = Buffer.concat([png, Buffer.alloc(LIMIT)]);
    expect((await upload(b.wang, big, 'image/png')).body).toMatchObject({ status: 413, code: 'file_too_large', errors: [{ field: '/body' }], maxBytes: LIMIT });
    // Without a Content-Length: refused while it streams.
    const chunks = [png, Buffer.alloc(LIMIT / 2), Buffer.alloc(LIMIT / 2)];
    const stream = new ReadableStream<Uint8Array>({ pull: (c) => (chunks.length ? c.enqueue(chunks.shift()!) : c.close()) });
    expect((await upload(b.wang, stream, 'image/png')).status).toBe(413);
    expect(stored()).toEqual(before);
    expect(readdirSync(join(h.dataDir, 'evidence', '.partial'))).toEqual([]);
  });

  it('lets only the book’s pledger upload, inside the bureau, on a published book', async () => {
    expect((await upload(undefined, png, 'image/png')).status).toBe(401);
    expect((await upload(b.li, png, 'image/png')).body).toMatchObject({ status: 403, code: 'not_the_pledger' });
    expect((await upload(b.otherAdmin, png, 'image/png')).status).toBe(403);
    expect((await upload(b.wang, png, 'image/png', 'no-such-book')).status).toBe(404);
    const draft = (await h.call(b.li, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'individual', memberIds: ['li'] }, items })).body.pledgeId as string;
    expect((await upload(b.li, png, 'image/png', draft)).body).toMatchObject({ status: 409, code: 'wrong_state' });
  });

  it('refuses a record naming a file that is not stored, or not as it says, and writes nothing', async () => {
    const before = (await events()).length;
    const ref = { sha256: sha(png), size: png.length, mediaType: 'image/png', name: '學生收到學費.png' };
    const cases: Array<[unknown, number, string]> = [
      [{ ...ref, sha256: sha(Buffer.from('never uploaded')) }, 422, '/attachments/0/sha256'],
      [{ ...ref, size: 1 }, 422, '/attachments/0/size'],
      [{ ...ref, mediaType: 'image/jpeg' }, 422, '/attachments/0/mediaType'],
      [{ ...ref, mediaType: 'text/html' }, 400, '/attachments/0/mediaType'],
      [{ ...ref, name: '../../etc/passwd' }, 400, '/attachments/0/name'],
      [{ ...ref, name: 'C:\\Windows\\win.ini' }, 400, '/attachments/0/name'],
      [{ ...ref, sha256: '../../../eventstore.db' }, 400, '/attachments/0/sha256'],
      [{ ...ref, path: '/etc/passwd' }, 400, '/attachments/0/path'],
    ];
    for (const [attachment, status, field] of cases) {
      const r = await h.call(b.wang, 'POST', `/api/v1/pledges/${pledgeId}/progress`, deed([attachment]));
      expect([r.status, r.body.errors?.[0]?.field]).toEqual([status, field]);
    }
    expect((await h.call(b.wang, 'POST', `/api/v1/pledges/${pledgeId}/progress`, deed([ref, { ...ref, name: 'again.png' }]))).body).toMatchObject({ status: 422, code: 'repeated_attachment' });
    expect(await events()).toHaveLength(before);
  });

  it('records the files’ hashes in the ProgressRecorded event, which the hash chain covers', async () => {
    const files = [
      { sha256: sha(png), size: png.length, mediaType: 'image/png', name: '學生收到學費.png' },
      { sha256: sha(pdf), size: pdf.length, mediaType: 'application/pdf', name: '收據 2026.pdf' },
    ];
    const r = await h.call(b.wang, 'POST', `/api/v1/pledges/${pledgeId}/progress`, deed(files));
    expect(r.status).toBe(201);
    const last = (await events()).at(-1)!;
    expect(last.type).toBe('ProgressRecorded');
    expect(last.data.attachments).toEqual(files);
    expect((await h.call(b.auditor, 'GET', `/api/v1/pledges/${pledgeId}/verify`)).body).toMatchObject({ ok: true });
  });

  it('serves a recorded file with the type its bytes have, to those who may read the book', async () => {
    const get = (caller: Caller, hash: string) => fetch(`${h.baseUrl}/api/v1/pledges/${pledgeId}/evidence/${hash}`, { headers: { authorization: `Bearer ${caller.token}` } });
    const image = await get(b.li, sha(png));
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(image.headers.get('content-disposition')).toBe(`inline; filename="______.png"; filename*=UTF-8''${encodeURIComponent('學生收到學費.png')}`);
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);
    const scan = await get(b.wang, sha(pdf));
    expect([scan.headers.get('content-type'), scan.headers.get('content-disposition')?.split(';')[0]]).toEqual(['application/pdf', 'attachment']);
    expect((await get(b.otherAdmin, sha(png))).status).toBe(403);
    // Uploaded but named on no record of this book; not a hash at all.
    const other = Buffer.concat([png, Buffer.from('x')]);
    await upload(b.wang, other, 'image/png');
    expect((await get(b.wang, sha(other))).status).toBe(404);
    const bad = await get(b.wang, 'ABC');
    expect([bad.status, ((await bad.json()) as { errors: Array<{ field: string }> }).errors[0]!.field]).toEqual([400, '/sha256']);
  });
});
