import { Module, type DynamicModule } from '@nestjs/common';
import type { EventStore } from '@pledgebook/event-store';
import type { ReadModelStore } from '@pledgebook/read-model';
import { systemClock } from '@pledgebook/util';
import { AuditLogRecorder } from './audit-log/audit-log.recorder';
import { AuditRuntime } from './audit-runtime';
import { CheckpointService } from './checkpoints/checkpoint.service';
import { EvidenceBundleWriter } from './evidence/evidence-bundle.writer';
import type { EvidenceSigner } from './evidence/signer';
import { AuditAccess } from './http/audit-access';
import { AuditLogController } from './http/audit-log.controller';
import { CheckpointsController } from './http/checkpoints.controller';
import { CorrelationController } from './http/correlation.controller';
import { ExportsController } from './http/exports.controller';
import { TimelineController } from './http/timeline.controller';
import { AUDIT_ACCESS, AUDIT_EVENTS, AUDIT_INDEX, AUDIT_RUNTIME, AUDIT_SIGNER, BUNDLES, CHECKPOINTS, TIMELINES } from './http/tokens';
import { AuditIndex } from './index/audit-index.reader';
import { AuditLogRetention } from './retention/audit-log-retention';
import { TimelineService } from './timeline/timeline.service';

export interface AuditModuleOptions {
  /** The shared event store every service writes (embedded: the same eventstore.db). */
  events: EventStore;
  /** Where the audit index lives (a read model: rebuilt from the store when lost). */
  views: ReadModelStore;
  signer: EvidenceSigner;
  /** A checkpoint is signed this often when anything new was recorded (0: only when an export asks). */
  checkpointIntervalMs: number;
  /** Most events in one checkpoint's segment. */
  segmentMax: number;
  /** Most lines (events and withheld links) in one export. */
  exportMaxEvents: number;
  /** Audit-log entries older than this many days are removed, leaving anchors (0: kept for ever). */
  auditLogRetentionDays: number;
  /** How often the retention runs. */
  auditLogRetentionSweepMs: number;
  /** Closes the stores on shutdown, when they were opened for the audit context. */
  close?: () => Promise<void>;
}

/** The auditor's record: timelines, as-of states, evidence bundles, checkpoints and the audit log (served by the gateway). */
@Module({})
export class AuditModule {
  static forRoot(options: AuditModuleOptions): DynamicModule {
    const index = new AuditIndex(options.views);
    const recorder = new AuditLogRecorder(options.events, systemClock);
    const checkpoints = new CheckpointService(options.events, options.signer, systemClock, { segmentMax: options.segmentMax });
    const retention = new AuditLogRetention(options.events, index, checkpoints, systemClock, { retentionDays: options.auditLogRetentionDays });
    const runtime = new AuditRuntime(options.events, options.views, checkpoints, {
      checkpointIntervalMs: options.checkpointIntervalMs,
      retention,
      retentionSweepMs: options.auditLogRetentionSweepMs,
      ...(options.close ? { close: options.close } : {}),
    });
    return {
      module: AuditModule,
      controllers: [TimelineController, CorrelationController, ExportsController, CheckpointsController, AuditLogController],
      providers: [
        { provide: AUDIT_EVENTS, useValue: options.events },
        { provide: AUDIT_SIGNER, useValue: options.signer },
        { provide: AUDIT_INDEX, useValue: index },
        { provide: TIMELINES, useValue: new TimelineService(options.events, index) },
        { provide: AUDIT_ACCESS, useValue: new AuditAccess(index, recorder) },
        { provide: CHECKPOINTS, useValue: checkpoints },
        { provide: BUNDLES, useValue: new EvidenceBundleWriter(options.events, index, checkpoints, options.signer, systemClock, { maxEvents: options.exportMaxEvents }) },
        { provide: AUDIT_RUNTIME, useValue: runtime },
      ],
    };
  }
}
