// Evidence bundles built from a real embedded store, then altered line by line: every change is caught.
import { subjectKey, type BundleManifest } from '@pledgebook/audit-domain';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { AUDITOR, startAuditFixture, type AuditFixture } from './testing/bundle-fixture';
import { verifyBundle } from './verify-bundle';

let f: AuditFixture;
let zip: Uint8Array;
let manifest: BundleManifest;

beforeAll(async () => {
  f = await startAuditFixture();
  ({ zip, manifest } = await f.writer.build({ scope: { kind: 'pledge', pledgeId: f.wangPledge }, caller: AUDITOR, bureauId: 'weihai', reason: 'inspection 2026-17', includeAuditLog: false }));
});
afterAll(() => f?.close());

/** The bundle with one file rewritten. */
function edit(bundle: Uint8Array, name: string, change: (text: string) => string): Uint8Array {
  const files = unzipSync(bundle);
  if (!files[name]) throw new Error(`no ${name} in the bundle`);
  files[name] = strToU8(change(strFromU8(files[name])));
  return zipSync(files);
}
const fileOf = (stream: string) => manifest.streams.find((s) => s.stream === stream)!.file;
const lines = (text: string) => text.trimEnd().split('\n');
const relines = (rows: string[]) => rows.join('\n') + '\n';

describe('an evidence bundle for a pledge', () => {
  it('verifies, and says what it proves and what it does not', async () => {
    const report = await verifyBundle(zip);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, keySource: 'self-asserted' });
    expect(report.proves.join('\n')).toContain(`pledge ${f.wangPledge}, asked by audit-p (shandong)`);
    expect(report.proves.join('\n')).toContain('because: inspection 2026-17');
    expect(report.doesNotProve.join('\n')).toMatch(/Who signed/);
    expect((await verifyBundle(zip, { trustedKeys: f.jwks })).keySource).toBe('trusted');
  });

  it('carries the pledge’s own streams whole, and of shared streams only its events (others as withheld links)', () => {
    const byStream = Object.fromEntries(manifest.streams.map((s) => [s.stream, s]));
    expect(byStream[`pledge-${f.wangPledge}`]).toMatchObject({ events: 2, withheld: 0 });
    expect(byStream[`review-${f.wangPledge}`]).toMatchObject({ events: 2, withheld: 0 });
    expect(byStream['review-facts-weihai']).toMatchObject({ events: 1, withheld: 1 });
    expect(byStream[`pledge-${f.liPledge}`]).toBeUndefined();
    expect(manifest.request).toEqual({ scope: { kind: 'pledge', pledgeId: f.wangPledge }, reason: 'inspection 2026-17', includeAuditLog: false });
    expect(manifest.checkpoints.lastSeq).toBeGreaterThanOrEqual(1);
  });

  it('names the event whose content was altered', async () => {
    const file = fileOf(`review-${f.wangPledge}`);
    const altered = edit(zip, file, (t) => t.replace('第二條目標可以更量化', '第二條目標很好'));
    const report = await verifyBundle(altered);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatch(new RegExp(`stream review-${f.wangPledge}: revision 1, event [0-9a-f-]+, GroupCommentAdded, position \\d+: its hash does not match its content`));
  });

  it('catches a dropped line, reordered lines and a line added from elsewhere', async () => {
    const file = fileOf(`pledge-${f.wangPledge}`);
    expect((await verifyBundle(edit(zip, file, (t) => relines(lines(t).slice(1))))).problems[0]).toMatch(/revision 1, event .* where revision 0 was expected/);
    expect((await verifyBundle(edit(zip, file, (t) => relines(lines(t).reverse())))).problems[0]).toMatch(/PledgeSubmitted.* where revision 0 was expected/);
    const other = lines(strFromU8(unzipSync(zip)[fileOf(`review-${f.wangPledge}`)]!))[0]!;
    expect((await verifyBundle(edit(zip, file, (t) => t + other + '\n'))).problems[0]).toMatch(/belongs to stream review-/);
  });

  it('catches a withheld link that was changed, and a truncated stream', async () => {
    const file = fileOf('review-facts-weihai');
    const changed = edit(zip, file, (t) => t.replace(/"hash":"([0-9a-f])/, (_m, c: string) => `"hash":"${c === 'a' ? 'b' : 'a'}`));
    expect((await verifyBundle(changed)).problems[0]).toMatch(/stream review-facts-weihai: revision 1, .*prevHash does not link/);
    const truncated = edit(zip, fileOf(`review-${f.wangPledge}`), (t) => relines(lines(t).slice(0, 1)));
    expect((await verifyBundle(truncated)).problems[0]).toMatch(/ends at revision 0 .* the manifest says revision 1/);
  });

  it('refuses a changed manifest, a changed signature, another key and an unlisted file', async () => {
    expect((await verifyBundle(edit(zip, 'manifest.json', (t) => t.replace('inspection 2026-17', 'routine')))).problems).toEqual([expect.stringMatching(/manifest's signature does not verify/)]);
    expect((await verifyBundle(edit(zip, 'manifest.jws', (t) => t.slice(0, -3) + (t.endsWith('AAA') ? 'BBB' : 'AAA')))).problems[0]).toMatch(/signature does not verify/);
    const other = await startAuditFixture();
    try {
      expect((await verifyBundle(zip, { trustedKeys: other.jwks })).problems[0]).toMatch(/does not verify with the trusted key/);
    } finally {
      await other.close();
    }
    const files = unzipSync(zip);
    files['streams/9999-extra.jsonl'] = strToU8('{}\n');
    expect((await verifyBundle(zipSync(files))).problems).toContainEqual(expect.stringMatching(/extra.jsonl is in the bundle but not in the manifest/));
    expect((await verifyBundle(strToU8('not a zip'))).problems).toEqual(['the file is not a zip archive']);
  });

  it('exports a branch’s year: both members’ books whole, the bureau’s shared streams as far as they concern the branch', async () => {
    const { zip: branch, manifest: m } = await f.writer.build({ scope: { kind: 'branch-year', bureauId: 'weihai', branchId: 'branch-1', year: 2026 }, caller: AUDITOR, bureauId: 'weihai', includeAuditLog: false });
    const byStream = Object.fromEntries(m.streams.map((s) => [s.stream, s]));
    expect(byStream[`pledge-${f.wangPledge}`]).toMatchObject({ events: 2, withheld: 0 });
    expect(byStream[`pledge-${f.liPledge}`]).toMatchObject({ events: 1, withheld: 0 });
    expect(byStream['review-facts-weihai']).toMatchObject({ events: 2, withheld: 0 });
    expect(byStream['directory-weihai']).toBeUndefined();
    expect((await verifyBundle(branch, { trustedKeys: f.jwks })).ok).toBe(true);
  });

  it('withholds restricted data: the objection is a link, the member’s year still lists it', async () => {
    const { manifest: year } = await f.writer.build({ scope: { kind: 'member-year', bureauId: 'weihai', memberId: 'wang', year: 2026 }, caller: AUDITOR, bureauId: 'weihai', includeAuditLog: false });
    expect(year.streams.find((s) => s.stream === 'appraisal-round-weihai.2026.H1')).toMatchObject({ events: 1, withheld: 1 });
    expect(await f.index.count(subjectKey.memberYear('weihai', 'wang', 2026))).toBeGreaterThanOrEqual(7);
  });
});
