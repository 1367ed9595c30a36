import { SHA256_HEX } from '@pledgebook/blob-store';
import { z } from 'zod';
import { EVIDENCE_MEDIA_TYPES } from '../service-config';

/**
 * A file's name as the uploader gave it, shown and offered on download, never used as a path:
 * no slashes, backslashes or control characters, not `.` or `..`.
 */
export const evidenceName = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => !/[/\\\u0000-\u001f\u007f]/.test(name) && name.trim() !== '.' && name.trim() !== '..' && name.trim().length > 0, 'a file name without slashes, backslashes or control characters');

/** A reference to an evidence file already uploaded to the owning service: its hash, size, type and name. */
export const evidenceRefBody = z.strictObject({
  sha256: z.string().regex(SHA256_HEX, 'a SHA-256 in lower-case hex (as the upload answered)'),
  size: z.number().int().min(0),
  mediaType: z.enum(EVIDENCE_MEDIA_TYPES),
  name: evidenceName,
});

export type EvidenceRef = z.infer<typeof evidenceRefBody>;

/** At most this many files on one record (a deed's photos, an entry's scans). */
export const MAX_ATTACHMENTS = 10;
export const attachmentsBody = z.array(evidenceRefBody).max(MAX_ATTACHMENTS);
