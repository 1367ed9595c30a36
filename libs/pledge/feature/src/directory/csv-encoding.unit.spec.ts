import { DomainError } from '@pledgebook/pledge-domain';
import { encode } from 'iconv-lite';
import { csvEncodingOf, decodeCsv } from './csv-encoding';

const HEADER = 'record,key,name,type,parent,partyStatus,branch,group,department,roles';
const TEXT = [HEADER, 'unit,branch-1,機關黨支部,party-branch,,,,,,', 'member,wang,王晓东,,,full,branch-1,,,member'].join('\r\n');
const gb18030 = (text: string) => encode(text, 'gb18030');
const utf8 = (text: string) => Buffer.from(text, 'utf8');

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('decoding a directory CSV', () => {
  it('reads UTF-8 without and with a byte-order mark', () => {
    expect(decodeCsv(utf8(TEXT))).toEqual({ text: TEXT, encoding: 'UTF-8' });
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(TEXT)]))).toEqual({ text: TEXT, encoding: 'UTF-8' });
  });

  it('detects GB18030 when the bytes are not UTF-8 (Excel’s “CSV” on Chinese Windows)', () => {
    expect(decodeCsv(gb18030(TEXT))).toEqual({ text: TEXT, encoding: 'GB18030' });
  });

  it('decodes the declared encoding, four-byte GB18030 characters included', () => {
    const rare = `${TEXT}\r\nmember,ji,𠮷野家,,,non-party,,,,member`;
    expect(decodeCsv(gb18030(rare), 'GB18030').text).toBe(rare);
    expect(decodeCsv(encode(TEXT, 'gbk'), 'GBK').text).toBe(TEXT);
  });

  it('refuses bytes that are not valid in the declared encoding, naming it and the line', () => {
    const broken = Buffer.concat([gb18030(`${HEADER}\nunit,branch-1,機關黨支部,party-branch,,,,,,\nmember,wang,`), Buffer.from([0x81, 0x20]), gb18030(',,,full,branch-1,,,member\n')]);
    const error = refusal(() => decodeCsv(broken, 'GB18030'));
    expect(error).toMatchObject({ code: 'undecodable_file', kind: 'invalid', details: { field: 'body', encoding: 'GB18030', line: 3 } });
    expect(error.message).toBe('line 3 has bytes that are not valid GB18030; nothing was imported');

    expect(refusal(() => decodeCsv(gb18030(TEXT), 'UTF-8')).details).toMatchObject({ encoding: 'UTF-8', line: 2 });
    // GBK has no four-byte sequences.
    expect(refusal(() => decodeCsv(gb18030(`${HEADER}\nmember,ji,𠮷野家,,,non-party,,,,member`), 'GBK')).details).toMatchObject({ encoding: 'GBK', line: 2 });
  });

  it('names the detected encoding when the bytes are neither UTF-8 nor GB18030', () => {
    const error = refusal(() => decodeCsv(Buffer.concat([utf8(`${HEADER}\n`), Buffer.from([0xff, 0x41])])));
    expect(error.details).toMatchObject({ encoding: 'GB18030', line: 2, detected: true });
    expect(error.message).toContain('not valid GB18030 (it is not UTF-8 either');
  });

  it('keeps a real U+FFFD that the file encodes, and refuses a replaced byte beside it', () => {
    expect(decodeCsv(gb18030(`${HEADER}\n\uFFFD`), 'GB18030').text).toBe(`${HEADER}\n\uFFFD`);
    expect(refusal(() => decodeCsv(Buffer.concat([gb18030(`${HEADER}\n\uFFFD`), Buffer.from([0xff])]), 'GB18030')).details).toMatchObject({ line: 2 });
  });

  it('takes a UTF-8 byte-order mark over a declared charset, and refuses UTF-16 by name', () => {
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(TEXT)]), 'GB18030')).toEqual({ text: TEXT, encoding: 'UTF-8' });
    expect(refusal(() => decodeCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]))).details).toMatchObject({ encoding: 'UTF-16' });
  });

  it('knows the charset labels bureaus’ tools send', () => {
    expect(['utf-8', 'UTF8', 'gb18030', 'GBK', 'gb2312', 'x-gbk', 'cp936'].map(csvEncodingOf)).toEqual(['UTF-8', 'UTF-8', 'GB18030', 'GBK', 'GBK', 'GBK', 'GBK']);
    expect(csvEncodingOf('iso-8859-1')).toBeUndefined();
    expect(csvEncodingOf('big5')).toBeUndefined();
  });
});
