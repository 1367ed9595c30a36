import { invalid } from '@pledgebook/pledge-domain';
import { decode } from 'iconv-lite';

/** The encodings a directory CSV may come in: UTF-8, and what Excel saves on Chinese Windows. */
export type CsvEncoding = 'UTF-8' | 'GB18030' | 'GBK';

/** Charset labels (lower case) and the encoding each names; GB2312 files are decoded as their superset GBK. */
const LABELS: Record<string, CsvEncoding> = {
  'utf-8': 'UTF-8',
  utf8: 'UTF-8',
  gb18030: 'GB18030',
  gbk: 'GBK',
  'x-gbk': 'GBK',
  cp936: 'GBK',
  'windows-936': 'GBK',
  gb2312: 'GBK',
  'gb_2312-80': 'GBK',
  'euc-cn': 'GBK',
};

export const CSV_CHARSETS = ['utf-8', 'gb18030', 'gbk', 'gb2312'] as const;

/** The encoding a charset label names, or undefined when the import does not take it. */
export function csvEncodingOf(charset: string): CsvEncoding | undefined {
  return LABELS[charset.trim().toLowerCase()];
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16_BOMS = [
  [0xff, 0xfe],
  [0xfe, 0xff],
];
// U+FFFD itself, as GB18030 writes it: the only way a valid GB18030 file decodes to U+FFFD.
const GB18030_REPLACEMENT = [0x84, 0x31, 0xa4, 0x37];
const REPLACEMENT = '\uFFFD';

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

/**
 * Decodes a directory CSV. With a declared encoding, the bytes must be valid in it; without one,
 * valid UTF-8 is UTF-8 and anything else is read as GB18030 (what Excel's "CSV" saves on
 * Chinese Windows). A UTF-8 byte-order mark means UTF-8, whatever was declared (as browsers
 * decide). Bytes that are not valid in the encoding refuse the whole file with a 422 naming
 * the encoding and the first line they occur on: nothing is imported with mangled names.
 */
export function decodeCsv(bytes: Uint8Array, declared?: CsvEncoding): { text: string; encoding: CsvEncoding } {
  if (UTF16_BOMS.some((bom) => startsWith(bytes, bom))) {
    throw invalid('undecodable_file', 'the file is UTF-16 (Excel’s “Unicode text”); save it as “CSV UTF-8” or plain “CSV”', { field: 'body', encoding: 'UTF-16' });
  }
  const encoding: CsvEncoding = startsWith(bytes, UTF8_BOM) ? 'UTF-8' : (declared ?? (strictUtf8(bytes) !== undefined ? 'UTF-8' : 'GB18030'));
  const text = decodeStrictly(bytes, encoding);
  if (text !== undefined) return { text, encoding };
  const line = firstUndecodableLine(bytes, encoding);
  const guess = declared ? '' : ' (it is not UTF-8 either; declare the charset if it is another encoding)';
  throw invalid('undecodable_file', `line ${line} has bytes that are not valid ${encoding}${guess}; nothing was imported`, {
    field: 'body',
    encoding,
    line,
    ...(declared ? {} : { detected: true }),
  });
}

/** The text, or undefined when some bytes are not valid in the encoding. */
function decodeStrictly(bytes: Uint8Array, encoding: CsvEncoding): string | undefined {
  if (encoding === 'UTF-8') return strictUtf8(bytes);
  const text = decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding === 'GB18030' ? 'gb18030' : 'gbk');
  // iconv-lite puts U+FFFD where bytes are invalid; GBK cannot encode U+FFFD, GB18030 only as one sequence.
  const replacements = text.split(REPLACEMENT).length - 1;
  if (replacements === 0) return text;
  return encoding === 'GB18030' && replacements === occurrences(bytes, GB18030_REPLACEMENT) ? text : undefined;
}

function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Line feeds are one byte 0x0A in all three encodings and never part of a multi-byte sequence. */
function firstUndecodableLine(bytes: Uint8Array, encoding: CsvEncoding): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i += 1) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    if (decodeStrictly(bytes.subarray(start, i), encoding) === undefined) return line;
    line += 1;
    start = i + 1;
  }
  return line - 1;
}

function occurrences(bytes: Uint8Array, sequence: readonly number[]): number {
  let count = 0;
  for (let i = bytes.indexOf(sequence[0]!); i !== -1 && i <= bytes.length - sequence.length; i = bytes.indexOf(sequence[0]!, i + 1)) {
    if (sequence.every((b, k) => bytes[i + k] === b)) count += 1;
  }
  return count;
}
