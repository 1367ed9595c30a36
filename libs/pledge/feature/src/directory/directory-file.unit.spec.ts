import { BadInput } from '@pledgebook/nest/problem';
import { encode } from 'iconv-lite';
import { directoryFileType, readDirectoryFile, XLSX_MEDIA_TYPE } from './directory-file';

const CSV = ['record,key,name,type,parent,partyStatus,branch,group,department,roles', 'unit,branch-1,機關黨支部,party-branch,,,,,,', 'member,wang,王曉東,,,full,branch-1,,,member'].join('\r\n');

describe('a directory file as the request names it', () => {
  it('reads the media type and the charset', () => {
    expect(directoryFileType('text/csv')).toEqual({ format: 'csv' });
    expect(directoryFileType('text/csv; charset=GB18030')).toEqual({ format: 'csv', encoding: 'GB18030' });
    expect(directoryFileType('Text/CSV;charset="gbk"')).toEqual({ format: 'csv', encoding: 'GBK' });
    expect(directoryFileType('text/csv; header=present; charset=utf-8')).toEqual({ format: 'csv', encoding: 'UTF-8' });
    expect(directoryFileType(XLSX_MEDIA_TYPE)).toEqual({ format: 'xlsx' });
  });

  it('says why it does not take other media types and charsets', () => {
    expect(directoryFileType('application/json')).toEqual({ unsupported: expect.stringContaining('text/csv (UTF-8, GB18030 or GBK)') });
    expect(directoryFileType(undefined)).toEqual({ unsupported: expect.stringContaining(XLSX_MEDIA_TYPE) });
    expect(directoryFileType('text/csv; charset=big5')).toEqual({ unsupported: expect.stringContaining('charset big5 is not taken') });
  });

  it('reads the rows of a GB18030 file with the names intact', async () => {
    const rows = await readDirectoryFile({ format: 'csv' }, encode(CSV, 'gb18030'));
    expect(rows.map((r) => [r.line, r.key, r.name])).toEqual([
      [2, 'branch-1', '機關黨支部'],
      [3, 'wang', '王曉東'],
    ]);
  });

  it('answers an empty body with 400', async () => {
    await expect(readDirectoryFile({ format: 'csv' }, undefined)).rejects.toBeInstanceOf(BadInput);
    await expect(readDirectoryFile({ format: 'xlsx' }, Buffer.alloc(0))).rejects.toThrow('the request is not valid');
  });
});
