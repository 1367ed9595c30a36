import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@pledgebook/event-store';
import { ProjectionRunner, type ReadModelStore } from '@pledgebook/read-model';
import type { CheckpointService } from './checkpoints/checkpoint.service';
import type { AuditLogRetention } from './retention/audit-log-retention';
import { auditIndexProjection } from './index/audit-index.projection';
import { AUDIT_ENTRIES, AUDIT_INDEXES } from './index/audit-index.views';

/**
 * Beside the audit API: the audit index projection (catch-up, then live) and the periodic
 * checkpoint. Both start in the background and retry while a store does not answer, so the
 * gateway keeps serving logins meanwhile.
 */
export class AuditRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('audit');
  private readonly runner: ProjectionRunner;
  private timer?: NodeJS.Timeout;
  private retentionTimer?: NodeJS.Timeout;
  private pruning?: Promise<void>;
  private stopped = false;
  private ticking?: Promise<void>;

  constructor(
    private readonly events: EventStore,
    private readonly views: ReadModelStore,
    private readonly checkpoints: CheckpointService,
    private readonly options: { checkpointIntervalMs: number; retention?: AuditLogRetention; retentionSweepMs?: number; close?: () => Promise<void> },
  ) {
    this.runner = new ProjectionRunner(events, views, auditIndexProjection, { onError: (e) => this.logger.error(`audit index: ${e instanceof Error ? e.message : String(e)}`) });
  }

  onApplicationBootstrap(): void {
    void this.start();
    if (this.options.checkpointIntervalMs > 0) {
      this.timer = setInterval(() => {
        this.ticking ??= this.checkpoints
          .tick()
          .catch((e: unknown) => this.logger.error(`checkpoint: ${e instanceof Error ? e.message : String(e)}`))
          .finally(() => (this.ticking = undefined));
      }, this.options.checkpointIntervalMs);
      this.timer.unref();
    }
    const retention = this.options.retention;
    if (retention?.enabled && this.options.retentionSweepMs) {
      this.retentionTimer = setInterval(() => {
        this.pruning ??= retention
          .prune()
          .then((r) => void (r.removed > 0 && this.logger.log(`audit-log retention: ${r.removed} entries recorded before ${r.recordedBefore} removed from ${r.streams} streams, ${r.anchors} anchors`)))
          .catch((e: unknown) => this.logger.error(`audit-log retention: ${e instanceof Error ? e.message : String(e)}`))
          .finally(() => (this.pruning = undefined));
      }, this.options.retentionSweepMs);
      this.retentionTimer.unref();
    }
  }

  private async start(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt += 1) {
      try {
        await this.views.ensureIndexes(AUDIT_ENTRIES, AUDIT_INDEXES);
        await this.runner.start();
        return;
      } catch (error) {
        this.logger.warn(`audit index not started (attempt ${attempt + 1}): ${error instanceof Error ? error.message : String(error)}`);
        await new Promise((r) => setTimeout(r, Math.min(30_000, 500 * 2 ** attempt)));
      }
    }
  }

  /** The global position the audit index has reached. */
  async indexedThrough(): Promise<number> {
    return (await this.runner.checkpoint()) ?? 0;
  }

  /** Waits until the index has reached `position`; false after `timeoutMs`. */
  async waitForIndex(position: number, timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while ((await this.indexedThrough()) < position) {
      if (Date.now() > until) return false;
      await new Promise((r) => setTimeout(r, 25));
    }
    return true;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    await this.ticking;
    await this.pruning;
    await this.runner.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.options.close?.();
  }
}
