import { DomainError } from '@pledgebook/pledge-domain';
import { deflateRawSync } from 'node:zlib';
import { checkWorkbookArchive } from './workbook-archive';

interface Entry {
  name: string;
  data: Buffer;
  method?: 0 | 8;
  /** The size the directory claims, when it lies. */
  declaredSize?: number;
  flags?: number;
}

/** A ZIP archive written by hand, so that tests can make it lie. */
function zip(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const method = entry.method ?? 8;
    const packed = method === 8 ? deflateRawSync(entry.data) : entry.data;
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.flags ?? 0, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(entry.declaredSize ?? entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.flags ?? 0, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(entry.declaredSize ?? entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const LIMITS = { unpackedBytes: 64 * 1024, entries: 10 };
const xml = (bytes: number) => Buffer.from(`<x>${'a'.repeat(bytes - 7)}</x>`);

function refusal(bytes: Buffer): string {
  try {
    checkWorkbookArchive(bytes, LIMITS);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'unreadable_workbook' && error.kind === 'invalid') return error.message;
    throw error;
  }
  throw new Error('expected the archive to be refused');
}

describe('a workbook archive before it is unpacked', () => {
  it('passes an archive within the limits, stored or deflated', () => {
    expect(() => checkWorkbookArchive(zip([{ name: '[Content_Types].xml', data: xml(1000) }, { name: 'xl/workbook.xml', data: xml(2000), method: 0 }]), LIMITS)).not.toThrow();
  });

  it('refuses what is not a ZIP archive, naming old .xls and protected workbooks', () => {
    expect(refusal(Buffer.from('record,key,name\n'))).toMatch(/not a ZIP archive/);
    expect(refusal(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]))).toMatch(/Excel 97–2003 \.xls file or a password-protected workbook/);
    expect(refusal(Buffer.alloc(0))).toMatch(/not a ZIP archive/);
  });

  it('refuses an archive that unpacks past the limit, or holds too many parts', () => {
    expect(refusal(zip([{ name: 'a.xml', data: xml(40 * 1024) }, { name: 'b.xml', data: xml(40 * 1024) }]))).toMatch(/unpacks to more than 65536 bytes/);
    expect(refusal(zip(Array.from({ length: 11 }, (_, i) => ({ name: `${i}.xml`, data: xml(100) }))))).toMatch(/more than 10 parts/);
  });

  it('refuses an entry that inflates to more than its directory declares (a zip bomb)', () => {
    expect(refusal(zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(10 * 1024 * 1024), declaredSize: 1000 }]))).toMatch(/does not inflate to its declared size/);
  });

  it('refuses encrypted, damaged and truncated archives', () => {
    expect(refusal(zip([{ name: 'a.xml', data: xml(100), flags: 1 }]))).toMatch(/encrypted/);
    const whole = zip([{ name: 'a.xml', data: xml(5000) }]);
    const damaged = Buffer.from(whole);
    damaged.writeUInt32LE(0x12345678, whole.length - 22 - 46 - 5);
    expect(refusal(damaged)).toMatch(/ZIP directory is damaged/);
    const cut = Buffer.concat([whole.subarray(0, 40), whole.subarray(whole.length - 22 - 51)]);
    expect(refusal(cut)).toMatch(/damaged|truncated|does not inflate/);
  });
});
