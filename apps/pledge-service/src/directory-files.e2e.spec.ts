// The directory import takes the files bureaus really have: CSV saved by Excel on Chinese Windows
// (GB18030), UTF-8 with a byte-order mark, and .xlsx workbooks; bytes that are not valid in the
// declared or detected encoding refuse the whole file.
import { Workbook } from 'exceljs';
import { encode } from 'iconv-lite';
import { startPledgeService, type Caller, type Harness } from './testing/pledge-service.harness';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = 'record,key,name,type,parent,partyStatus,branch,group,department,roles';
const lines = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';

let h: Harness;
let admin: Caller;

beforeAll(async () => {
  h = await startPledgeService();
  const root = await h.as({ sub: 'root', bureauId: 'shandong', roles: ['system-admin'] });
  for (const bureauId of ['weihai', 'yantai']) {
    const r = await h.call(root, 'POST', '/api/v1/bureaus', { bureauId, name: `${bureauId}市統計局`, level: 'city' });
    if (r.status !== 201) throw new Error(`setup: ${r.status} ${JSON.stringify(r.body)}`);
  }
  admin = await h.as({ sub: 'admin-1', bureauId: 'weihai', roles: ['bureau-admin'] });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

/** Sends the file's bytes as they are, with the given Content-Type. */
async function upload(bytes: Buffer, contentType: string, bureauId = 'weihai', caller = admin) {
  const response = await fetch(`${h.baseUrl}/api/v1/bureaus/${bureauId}/directory/import`, { method: 'POST', headers: { authorization: `Bearer ${caller.token}`, 'content-type': contentType }, body: bytes });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
const member = async (memberId: string, bureauId = 'weihai', caller = admin) => (await h.call(caller, 'GET', `/api/v1/bureaus/${bureauId}/members/${memberId}`)).body;
const revision = async () => (await h.call(admin, 'GET', '/api/v1/bureaus/weihai')).body.revision as number;

describe('directory files as bureaus have them', () => {
  const GB_FILE = lines('unit,branch-1,機關黨支部,party-branch,,,,,,', 'unit,group-1,第一黨小組,party-group,branch-1,,,,,', 'member,wang,王曉東,,,full,,group-1,,member', 'member,kong,孔𠮷祥,,,non-party,,,,member');

  it('imports a GB18030 CSV with Chinese names, declared or detected, and reads the names back', async () => {
    const declared = await upload(encode(GB_FILE, 'gb18030'), 'text/csv; charset=GB18030');
    expect(declared).toMatchObject({ status: 200, body: { rows: 4, eventsAppended: 4 } });
    expect(await member('wang')).toMatchObject({ name: '王曉東', groupId: 'group-1' });
    expect(await member('kong')).toMatchObject({ name: '孔𠮷祥', partyStatus: 'non-party' });
    // The same file without a charset is detected as GB18030, so nothing changes.
    expect(await upload(encode(GB_FILE, 'gb18030'), 'text/csv')).toMatchObject({ status: 200, body: { eventsAppended: 0 } });
  });

  it('refuses a file with bytes that are not valid in the declared encoding, naming it, and imports nothing', async () => {
    const before = await revision();
    const broken = Buffer.concat([encode([HEADER, 'member,zhou,周文,,,full,,group-1,,member', 'member,wu,'].join('\r\n'), 'gbk'), Buffer.from([0x81, 0x7f]), encode(',,,non-party,,,,member\r\n', 'gbk')]);
    const r = await upload(broken, 'text/csv; charset=gbk');
    expect(r).toMatchObject({ status: 422, body: { code: 'undecodable_file', encoding: 'GBK', line: 3, detail: 'line 3 has bytes that are not valid GBK; nothing was imported' } });
    expect(await revision()).toBe(before);
    expect((await member('zhou')).status).toBe(404);
    // A GB18030 file sent as UTF-8 is refused too, not stored as mojibake.
    expect(await upload(encode(GB_FILE, 'gb18030'), 'text/csv; charset=utf-8')).toMatchObject({ status: 422, body: { encoding: 'UTF-8', line: 2 } });
    expect(await upload(encode(GB_FILE, 'big5'), 'text/csv; charset=big5')).toMatchObject({ status: 415 });
  });

  it('imports UTF-8 with a byte-order mark (Excel’s “CSV UTF-8”)', async () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines('member,zhou,周文,,,full,,group-1,,member'), 'utf8')]);
    expect(await upload(withBom, 'text/csv')).toMatchObject({ status: 200, body: { rows: 1, eventsAppended: 1 } });
    expect(await member('zhou')).toMatchObject({ name: '周文', branchId: 'branch-1' });
  });

  it('imports an .xlsx workbook with the same columns, and names a bad row and column', async () => {
    const book = new Workbook();
    const sheet = book.addWorksheet('名冊');
    sheet.addRows([HEADER.split(','), ['unit', 'dept-1', '綜合科', 'department', '', '', '', '', '', ''], ['member', 'qian', '錢多多', '', '', 'probationary', '', 'group-1', 'dept-1', 'member']]);
    const r = await upload(Buffer.from(await book.xlsx.writeBuffer()), XLSX, 'yantai', await h.as({ sub: 'admin-y', bureauId: 'yantai', roles: ['bureau-admin'] }));
    expect(r.body).toMatchObject({ code: 'import_rejected', problems: [{ line: 3, column: 'group' }] });
    expect(r.status).toBe(422);

    sheet.getRow(3).getCell(8).value = null;
    sheet.getRow(3).getCell(6).value = 'non-party';
    sheet.addRow(['member', 'wang', '王曉東', '', '', 'full', '', 'group-1', 'dept-1', 'member;group-leader']);
    const yantaiAdmin = await h.as({ sub: 'admin-y', bureauId: 'yantai', roles: ['bureau-admin'] });
    expect(await upload(Buffer.from(await book.xlsx.writeBuffer()), XLSX, 'yantai', yantaiAdmin)).toMatchObject({ status: 422, body: { problems: [{ line: 4, column: 'group' }] } });
    sheet.addRow(['unit', 'branch-1', '機關黨支部', 'party-branch', '', '', '', '', '', '']);
    sheet.addRow(['unit', 'group-1', '第一黨小組', 'party-group', 'branch-1', '', '', '', '', '']);
    const imported = await upload(Buffer.from(await book.xlsx.writeBuffer()), XLSX, 'yantai', yantaiAdmin);
    expect(imported).toMatchObject({ status: 200, body: { rows: 5, eventsAppended: 5 } });
    expect(await member('qian', 'yantai', yantaiAdmin)).toMatchObject({ name: '錢多多', departmentId: 'dept-1' });
    expect(await member('wang', 'yantai', yantaiAdmin)).toMatchObject({ name: '王曉東', roles: ['member', 'group-leader'] });
  });

  it('refuses a file sent as a workbook that is not one with 422, never 500', async () => {
    for (const bytes of [encode(GB_FILE, 'gb18030'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])]) {
      expect(await upload(bytes, XLSX)).toMatchObject({ status: 422, body: { code: 'unreadable_workbook' } });
    }
  });
});
