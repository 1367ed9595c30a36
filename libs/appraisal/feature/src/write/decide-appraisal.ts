import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { LoadedStream } from '@pledgebook/event-store';
import { eventMetadataOf, type CommandMeta } from '@pledgebook/nest';
import type { AggregateKind } from '../streams';
import type { CommandOf, StateOf } from './aggregates';
import { AppraisalStreams } from './appraisal-streams';

/** A command, or how to build it from the aggregate as loaded (the context lookups: facts views, other streams). */
export type CommandSource<K extends AggregateKind> = CommandOf<K> | ((loaded: LoadedStream<StateOf<K>>) => CommandOf<K> | Promise<CommandOf<K>>);

export interface AppraisalWriteResult<K extends AggregateKind = AggregateKind> {
  aggregateId: string;
  revision: number;
  state: StateOf<K>;
  /** The types of the events appended (none when nothing changed or the request was a retry). */
  recorded: string[];
  repeated: boolean;
}

/** One decision on one aggregate of the appraisal context (its kind, its id, the command). */
export class DecideAppraisal<K extends AggregateKind = AggregateKind> {
  constructor(
    readonly kind: K,
    readonly aggregateId: string,
    readonly command: CommandSource<K>,
    /** Who acts; `idempotencySeed` (from the Idempotency-Key) makes a retry append nothing twice. */
    readonly meta: CommandMeta,
    readonly options: {
      /** From If-Match: the revision the caller last saw. */
      expectedRevision?: number;
      /** Runs on the loaded state first: who may act here (the bureau, the state's existence). */
      access?(loaded: LoadedStream<StateOf<K>>): void | Promise<void>;
      /** Reload and decide again when another writer got in first (not with If-Match). */
      retryOnConflict?: number;
    } = {},
  ) {}
}

/** The one write path: load the stream once, the access hook, build the command, decide, append with the expected revision. */
@CommandHandler(DecideAppraisal)
export class DecideAppraisalHandler implements ICommandHandler<DecideAppraisal, AppraisalWriteResult> {
  constructor(private readonly streams: AppraisalStreams) {}

  async execute<K extends AggregateKind>({ kind, aggregateId, command, meta, options }: DecideAppraisal<K>): Promise<AppraisalWriteResult<K>> {
    // Every stream name starts with its bureau: the events belong to it whoever acts (ADR 0019).
    const bureauId = aggregateId.split('.')[0]!;
    const result = await this.streams.handle(kind, aggregateId, {
      command,
      metadata: eventMetadataOf(meta, bureauId),
      ...(options.access ? { access: options.access } : {}),
      ...(meta.idempotencySeed ? { idempotencySeed: meta.idempotencySeed } : {}),
      ...(options.expectedRevision !== undefined ? { expectedRevision: options.expectedRevision } : {}),
      ...(options.retryOnConflict ? { retryOnConflict: options.retryOnConflict } : {}),
    });
    return { aggregateId, revision: result.revision, state: result.state, recorded: result.events.map((e) => e.type), repeated: result.repeated };
  }
}
