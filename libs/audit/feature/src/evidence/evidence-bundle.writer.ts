import {
  auditLogStream,
  BUNDLE_FORMAT,
  CHECKPOINTS_FILE,
  containsRestricted,
  JWKS_FILE,
  MANIFEST_FILE,
  README_FILE,
  segmentFile,
  SIGNATURE_FILE,
  streamFile,
  type AuditCaller,
  type BundleFile,
  type BundleManifest,
  type BundleStream,
  type BundleStreamLine,
  type ExportScope,
} from '@pledgebook/audit-domain';
import type { EventStore } from '@pledgebook/event-store';
import { invalid, newId, type Clock } from '@pledgebook/util';
import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import type { CheckpointService } from '../checkpoints/checkpoint.service';
import type { AuditIndex } from '../index/audit-index.reader';
import type { EvidenceSigner } from './signer';
import { keyOfScope, README } from './export-scope';

export interface ExportRequest {
  scope: ExportScope;
  caller: AuditCaller;
  /** The bureau the scope belongs to (its audit log, when asked for). */
  bureauId: string;
  reason?: string;
  includeAuditLog: boolean;
}

export interface EvidenceBundle {
  zip: Uint8Array;
  manifest: BundleManifest;
  sha256: string;
}

const PAGE = 1000;
const encoder = new TextEncoder();
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const jsonl = (lines: readonly unknown[]) => encoder.encode(lines.map((l) => JSON.stringify(l)).join('\n') + (lines.length > 0 ? '\n' : ''));

/**
 * Builds an evidence bundle: every event of the streams a subject appears in (withheld links for
 * events of other subjects), each stream's chain to its head at the cut, the signed checkpoints up
 * to the cut with the segments that hold the bundle's events, and a signed manifest. Synchronous,
 * bounded by `maxEvents` lines (ADR 0056).
 */
export class EvidenceBundleWriter {
  constructor(
    private readonly events: EventStore,
    private readonly index: AuditIndex,
    private readonly checkpoints: CheckpointService,
    private readonly signer: EvidenceSigner,
    private readonly clock: Clock,
    private readonly options: { maxEvents: number },
  ) {}

  async build(request: ExportRequest): Promise<EvidenceBundle> {
    const subjectPositions = new Map<string, Set<number>>();
    for await (const entry of this.index.allEntries(keyOfScope(request.scope))) {
      const set = subjectPositions.get(entry.stream) ?? new Set<number>();
      set.add(entry.position);
      subjectPositions.set(entry.stream, set);
    }
    const wholeStreams = new Set(request.includeAuditLog ? [auditLogStream(request.bureauId)] : []);
    const streams = [...new Set([...subjectPositions.keys(), ...wholeStreams])].sort();
    let lines = 0;
    for (const stream of streams) lines += ((await this.events.streamRevision(stream)) ?? -1) + 1;
    if (lines > this.options.maxEvents) {
      throw invalid('export_too_large', `the streams involved hold ${lines} events; an export takes at most ${this.options.maxEvents}: ask for a narrower scope`, { events: lines, limit: this.options.maxEvents });
    }

    const cut = await this.checkpoints.ensureUpTo(await this.events.headPosition());
    const head = cut?.body.toPosition ?? 0;
    const files: Record<string, Uint8Array> = {};
    const manifestStreams: BundleStream[] = [];
    const touched: number[] = [];
    const carried: number[] = [];
    for (const [i, stream] of streams.entries()) {
      const out: BundleStreamLine[] = [];
      const subject = subjectPositions.get(stream);
      // From the oldest kept revision: an audit log's entries past their retention are gone, anchors in their place.
      for (let from = 0; ; ) {
        const read = await this.events.readStream(stream, { from, maxCount: PAGE });
        const page = read.filter((e) => e.position <= head);
        for (const e of page) {
          touched.push(e.position);
          const concerns = wholeStreams.has(stream) || subject?.has(e.position) === true;
          if (concerns && !containsRestricted(e.data)) {
            carried.push(e.position);
            out.push({ id: e.id, stream: e.stream, revision: e.revision, position: e.position, type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: e.metadata, recordedAt: e.recordedAt, prevHash: e.prevHash, hash: e.hash });
          } else {
            out.push({ stream: e.stream, revision: e.revision, position: e.position, prevHash: e.prevHash, hash: e.hash, withheld: concerns ? 'restricted' : 'other-subject' });
          }
        }
        if (read.length < PAGE) break;
        from = read[read.length - 1]!.revision + 1;
      }
      if (out.length === 0) continue;
      const file = streamFile(i, stream);
      files[file] = jsonl(out);
      const last = out[out.length - 1]!;
      const withheld = out.filter((l) => 'withheld' in l).length;
      manifestStreams.push({ stream, file, sha256: sha256(files[file]), lines: out.length, events: out.length - withheld, withheld, lastRevision: last.revision, lastHash: last.hash });
    }

    const { checkpointFile, segments } = await this.checkpointFiles(files, touched.sort((a, b) => a - b), cut?.body.seq ?? 0);
    files[JWKS_FILE] = encoder.encode(JSON.stringify(this.signer.jwks, null, 2));
    files[README_FILE] = encoder.encode(README);
    carried.sort((a, b) => a - b);
    const manifest: BundleManifest = {
      format: BUNDLE_FORMAT,
      exportId: newId(),
      createdAt: this.clock.now().toISOString(),
      requestedBy: { subject: request.caller.subject, bureauId: request.caller.bureauId, roles: [...request.caller.roles] },
      request: { scope: request.scope, ...(request.reason ? { reason: request.reason } : {}), includeAuditLog: request.includeAuditLog },
      signer: { alg: 'EdDSA', kid: this.signer.kid, jwks: JWKS_FILE },
      headPosition: head,
      positions: { first: carried[0] ?? null, last: carried[carried.length - 1] ?? null, count: carried.length },
      streams: manifestStreams,
      checkpoints: { ...checkpointFile, lastSeq: cut?.body.seq ?? 0, toPosition: head, runningHash: cut?.body.runningHash ?? '' },
      segments,
    };
    files[MANIFEST_FILE] = encoder.encode(JSON.stringify(manifest, null, 2));
    files[SIGNATURE_FILE] = encoder.encode(await this.signer.sign(files[MANIFEST_FILE]));
    const zip = zipSync(files, { level: 6, mtime: new Date(manifest.createdAt) });
    return { zip, manifest, sha256: sha256(zip) };
  }

  /** checkpoints.jsonl (every checkpoint up to the cut) and the segments holding a position of the bundle. */
  private async checkpointFiles(files: Record<string, Uint8Array>, touched: readonly number[], lastSeq: number): Promise<{ checkpointFile: BundleFile; segments: Array<BundleFile & { seq: number }> }> {
    const signed: unknown[] = [];
    const segments: Array<BundleFile & { seq: number }> = [];
    let cursor = 0;
    for await (const { body, jws, entries } of this.checkpoints.all()) {
      if (body.seq > lastSeq) break;
      signed.push({ body, jws });
      while (cursor < touched.length && touched[cursor]! <= body.fromPosition) cursor += 1;
      if (cursor < touched.length && touched[cursor]! <= body.toPosition) {
        const file = segmentFile(body.seq);
        files[file] = jsonl(entries);
        segments.push({ seq: body.seq, file, sha256: sha256(files[file]), lines: entries.length });
      }
    }
    files[CHECKPOINTS_FILE] = jsonl(signed);
    return { checkpointFile: { file: CHECKPOINTS_FILE, sha256: sha256(files[CHECKPOINTS_FILE]), lines: signed.length }, segments };
  }
}
