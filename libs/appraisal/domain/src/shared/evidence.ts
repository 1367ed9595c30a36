import { invalid } from './errors';

/**
 * A photo or scan kept by the appraisal service, named by the SHA-256 of its bytes: the hash is in
 * the event, so the check's hash chain covers the file (ADR 0075).
 */
export interface EvidenceFile {
  sha256: string;
  size: number;
  mediaType: string;
  /** As the uploader named it; shown and offered on download, never a path. */
  name: string;
}

export const MAX_ATTACHMENTS = 10;
const SHA256 = /^[0-9a-f]{64}$/;
const NOT_A_FILE_NAME = /[/\\\u0000-\u001f\u007f]/;

/** How many files (10), each once, each named as a file and not a path; `field` is where they sit in the command. */
export function validateAttachments(files: readonly EvidenceFile[], field: string): void {
  if (files.length > MAX_ATTACHMENTS) throw invalid('too_many_attachments', `at most ${MAX_ATTACHMENTS} files in one place`, { field });
  files.forEach((file, i) => {
    if (!SHA256.test(file.sha256)) throw invalid('invalid_attachment', 'an attachment is named by its SHA-256 in lower-case hex', { field: `${field}/${i}/sha256` });
    if (files.findIndex((f) => f.sha256 === file.sha256) !== i) throw invalid('repeated_attachment', `the file ${file.sha256} is attached twice`, { field: `${field}/${i}/sha256` });
    const name = file.name.trim();
    if (!name || name.length > 200 || NOT_A_FILE_NAME.test(name) || name === '.' || name === '..') {
      throw invalid('invalid_attachment_name', 'a file name of 1 to 200 characters, without slashes or control characters', { field: `${field}/${i}/name` });
    }
  });
}

/** The files as the event keeps them: the four fields, the name trimmed; none → left out. */
export const keptAttachments = (files: readonly EvidenceFile[] | undefined) =>
  files?.length ? { attachments: files.map((f) => ({ sha256: f.sha256, size: f.size, mediaType: f.mediaType, name: f.name.trim() })) } : {};
