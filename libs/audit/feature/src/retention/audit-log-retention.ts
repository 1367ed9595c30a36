import { anchorFor, AUDIT_LOG_PREFIX, AUDIT_LOG_PRUNED, runsToPrune, type RetainedEvent } from '@pledgebook/audit-domain';
import { DuplicateEventId, type EventStore } from '@pledgebook/event-store';
import { deterministicId, type Clock } from '@pledgebook/util';
import type { CheckpointService } from '../checkpoints/checkpoint.service';
import type { AuditIndex } from '../index/audit-index.reader';

const PAGE = 1000;
const DAY_MS = 86_400_000;

export interface RetentionRun {
  streams: number;
  anchors: number;
  removed: number;
  recordedBefore: string;
}

/**
 * Retention of the audit logs (ADR 0079): entries recorded more than `retentionDays` ago are
 * removed from each `audit-log-…` stream, once a signed checkpoint covers them, and each run of
 * removed revisions is replaced by an anchor appended to the same stream first. The anchor's id
 * follows from the run, so a replica doing the same at once, or a retry after a crash between
 * the anchor and the removal, writes it only once.
 */
export class AuditLogRetention {
  constructor(
    private readonly events: EventStore,
    private readonly index: AuditIndex,
    private readonly checkpoints: CheckpointService,
    private readonly clock: Clock,
    private readonly options: { retentionDays: number },
  ) {}

  /** Whether anything is ever removed: a retention is set and the engine can remove events. */
  get enabled(): boolean {
    return this.options.retentionDays > 0 && typeof this.events.removeEvents === 'function';
  }

  async prune(): Promise<RetentionRun> {
    const now = this.clock.now();
    const recordedBefore = new Date(now.getTime() - this.options.retentionDays * DAY_MS).toISOString();
    const run: RetentionRun = { streams: 0, anchors: 0, removed: 0, recordedBefore };
    if (!this.enabled) return run;
    for (const stream of await this.index.auditLogStreams()) {
      const runs = runsToPrune(await this.oldEntries(stream, recordedBefore), recordedBefore);
      if (runs.length === 0) continue;
      // Every event removed is first pinned by a signed checkpoint: its anchor's digest is checked against it.
      await this.checkpoints.ensureUpTo(Math.max(...runs.map((r) => r[r.length - 1]!.position)));
      const bureauId = stream.slice(AUDIT_LOG_PREFIX.length);
      for (const entries of runs) {
        const data = anchorFor(stream, entries, { recordedBefore, retentionDays: this.options.retentionDays, at: now.toISOString() });
        const correlationId = `retention-${stream}-${data.firstRevision}`;
        try {
          const id = deterministicId(`audit-retention|${stream}|${data.firstRevision}|${data.throughRevision}`);
          const appended = await this.events.append(stream, [{ id, type: AUDIT_LOG_PRUNED, data, metadata: { bureauId, actorId: 'gateway', actorRole: 'system', correlationId, causationId: correlationId } }], { expectedRevision: 'any' });
          if (!appended.idempotent) run.anchors += 1;
        } catch (error) {
          if (!(error instanceof DuplicateEventId)) throw error;
          // Anchored already (another replica, or before a crash): only the removal is left to do.
        }
        run.removed += await this.events.removeEvents!(stream, data.firstRevision, data.throughRevision);
      }
      run.streams += 1;
    }
    return run;
  }

  /** The stream's entries from its oldest, until the first recorded at or after the cut. */
  private async oldEntries(stream: string, recordedBefore: string): Promise<RetainedEvent[]> {
    const found: RetainedEvent[] = [];
    for (let from = 0; ; ) {
      const page = await this.events.readStream(stream, { from, maxCount: PAGE });
      for (const e of page) {
        if (e.recordedAt >= recordedBefore) return found;
        found.push({ revision: e.revision, position: e.position, type: e.type, recordedAt: e.recordedAt, prevHash: e.prevHash, hash: e.hash });
      }
      if (page.length < PAGE) return found;
      from = page[page.length - 1]!.revision + 1;
    }
  }
}
