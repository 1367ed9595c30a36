import { invalid } from '@pledgebook/pledge-domain';
import { inflateRawSync } from 'node:zlib';

/** What an uploaded workbook may unpack to: far more than any bureau's directory needs. */
export const WORKBOOK_LIMITS = { unpackedBytes: 32 * 1024 * 1024, entries: 1_000 };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const unreadable = (why: string) => invalid('unreadable_workbook', `the file is not a readable .xlsx workbook: ${why}`, { field: 'body' });

/**
 * Checks that an upload is a ZIP archive that unpacks to at most the limits before a workbook
 * reader inflates it in memory: every entry is stored or deflated, not encrypted, and really
 * inflates to the size its directory entry declares (a "zip bomb" is refused, not unpacked).
 */
export function checkWorkbookArchive(bytes: Buffer, limits = WORKBOOK_LIMITS): void {
  if (CFB.every((b, i) => bytes[i] === b)) {
    throw unreadable('it is an Excel 97–2003 .xls file or a password-protected workbook; save it as an .xlsx workbook without a password');
  }
  const end = findEndOfCentralDirectory(bytes);
  if (end < 0) throw unreadable('it is not a ZIP archive');
  const entries = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  if (entries === 0xffff || at === 0xffffffff) throw unreadable('ZIP64 archives are not accepted');
  if (entries > limits.entries) throw unreadable(`it holds more than ${limits.entries} parts`);
  let unpacked = 0;
  for (let n = 0; n < entries; n += 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) throw unreadable('its ZIP directory is damaged');
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const packedSize = bytes.readUInt32LE(at + 20);
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const local = bytes.readUInt32LE(at + 42);
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (flags & 0x1) throw unreadable('it is encrypted');
    if (method !== 0 && method !== 8) throw unreadable(`it uses ZIP compression method ${method}`);
    unpacked += size;
    if (unpacked > limits.unpackedBytes) throw unreadable(`it unpacks to more than ${limits.unpackedBytes} bytes`);
    inflatesAsDeclared(bytes, local, method, packedSize, size);
  }
}

function inflatesAsDeclared(bytes: Buffer, local: number, method: number, packedSize: number, size: number): void {
  if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL) throw unreadable('a ZIP entry is damaged');
  const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
  if (start + packedSize > bytes.length) throw unreadable('it is truncated');
  const packed = bytes.subarray(start, start + packedSize);
  if (method === 0) {
    if (packedSize !== size) throw unreadable('a stored ZIP entry has the wrong size');
    return;
  }
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(packed, { maxOutputLength: Math.max(size, 1) });
  } catch {
    throw unreadable('a ZIP entry does not inflate to its declared size');
  }
  if (inflated.length !== size) throw unreadable('a ZIP entry does not inflate to its declared size');
}

/** The end-of-central-directory record sits in the last 22 bytes plus a comment of up to 64 KiB. */
function findEndOfCentralDirectory(bytes: Buffer): number {
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at -= 1) {
    if (bytes.readUInt32LE(at) === EOCD) return at;
  }
  return -1;
}
