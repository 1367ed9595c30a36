import type { AuditCaller } from './access';

export const BUNDLE_FORMAT = 'pledgebook-evidence/1';

/** What an export is asked for. */
export type ExportScope =
  | { kind: 'pledge'; pledgeId: string }
  | { kind: 'member-year'; bureauId: string; memberId: string; year: number }
  | { kind: 'branch-year'; bureauId: string; branchId: string; year: number }
  | { kind: 'bureau-year'; bureauId: string; year: number };

/** A recorded event as a bundle carries it: everything the hash covers, its links and its global position. */
export interface BundleEventLine {
  id: string;
  stream: string;
  revision: number;
  position: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: Record<string, unknown>;
  recordedAt: string;
  prevHash: string;
  hash: string;
}

/**
 * An event of an involved stream whose content the bundle does not carry — it concerns another
 * subject, or holds restricted data — kept as its chain link so the stream still verifies to its head.
 */
export interface BundleWithheldLine {
  stream: string;
  revision: number;
  position: number;
  prevHash: string;
  hash: string;
  withheld: 'other-subject' | 'restricted';
}

export type BundleStreamLine = BundleEventLine | BundleWithheldLine;
export const isWithheld = (line: BundleStreamLine): line is BundleWithheldLine => 'withheld' in line;

export interface BundleFile {
  file: string;
  sha256: string;
  lines: number;
}

export interface BundleStream extends BundleFile {
  stream: string;
  /** Lines carrying the whole event. */
  events: number;
  withheld: number;
  lastRevision: number;
  lastHash: string;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  exportId: string;
  createdAt: string;
  requestedBy: AuditCaller;
  request: { scope: ExportScope; reason?: string; includeAuditLog: boolean };
  signer: { alg: 'EdDSA'; kid: string; jwks: string };
  /** The global position the bundle was cut at: every stream is as it stood there. */
  headPosition: number;
  /** Global positions of the events carried in full: the first, the last, and how many. */
  positions: { first: number | null; last: number | null; count: number };
  streams: BundleStream[];
  checkpoints: BundleFile & { lastSeq: number; toPosition: number; runningHash: string };
  /** The [position, hash] entries of every checkpoint segment holding an event of the bundle. */
  segments: Array<BundleFile & { seq: number }>;
}

export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.jws';
export const JWKS_FILE = 'jwks.json';
export const CHECKPOINTS_FILE = 'checkpoints.jsonl';
export const README_FILE = 'README.txt';
export const segmentFile = (seq: number) => `segments/${String(seq).padStart(8, '0')}.jsonl`;
/** One file per stream; names keep letters, digits, dot, dash and underscore. */
export const streamFile = (index: number, stream: string) => `streams/${String(index).padStart(4, '0')}-${stream.replace(/[^A-Za-z0-9._-]/g, '_')}.jsonl`;

export function describeScope(scope: ExportScope): string {
  switch (scope.kind) {
    case 'pledge':
      return `pledge ${scope.pledgeId}`;
    case 'member-year':
      return `member ${scope.memberId} of ${scope.bureauId}, ${scope.year}`;
    case 'branch-year':
      return `branch ${scope.branchId} of ${scope.bureauId}, ${scope.year}`;
    case 'bureau-year':
      return `bureau ${scope.bureauId}, ${scope.year}`;
  }
}
