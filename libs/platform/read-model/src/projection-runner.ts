import { keepSubscribed, type EventStore, type RecordedEvent } from '@pledgebook/event-store';
import type { Projection, ProjectionContext, RebuildFold } from './projection';
import type { ReadModelStore, ReadModelTransaction } from './types';

export interface ProjectionRunnerOptions {
  batchSize?: number;
  onError?(error: unknown): void;
  /** Called after each applied batch with the checkpoint reached. */
  onProgress?(checkpoint: number): void;
}

const STATE = '_projection-state';

/** A rebuild's fold and the checkpoint it has folded up to (what its generation's checkpoint must still say). */
interface FoldInProgress {
  fold: RebuildFold;
  at: number;
}

interface ProjectionState {
  _id: string;
  generation: number;
  codeVersion: number;
  [key: string]: unknown;
}

/**
 * Runs a projection: catch-up, then live. Each batch is applied in one read-model
 * transaction together with its checkpoint, so a crash can never apply an event twice or
 * skip one; a second runner on the same store (another instance of the service) is harmless.
 */
export class ProjectionRunner {
  private running?: ReturnType<typeof keepSubscribed>;
  private readonly stopping = new AbortController();
  private liveGeneration = 0;

  constructor(
    private readonly events: EventStore,
    private readonly views: ReadModelStore,
    private readonly projection: Projection,
    private readonly options: ProjectionRunnerOptions = {},
  ) {}

  /** Starts the live loop; if the code version changed, rebuilds first while the old generation serves. */
  async start(): Promise<void> {
    const state = await this.state();
    if (!state) {
      await this.views.transaction(async (tx) => {
        for (const name of this.projection.collections) await tx.activate(name, 1);
        await this.saveState(tx, { generation: 1, codeVersion: this.projection.version });
      });
      this.liveGeneration = 1;
    } else {
      this.liveGeneration = state.generation;
    }
    // A start retried after a failed rebuild keeps the one live loop it already has.
    this.running ??= this.runLive();
    if (state && state.codeVersion !== this.projection.version) await this.rebuild();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running?.current()?.stop();
    await this.running?.done;
  }

  /**
   * Builds a fresh generation from the first event, switches readers to it once it has caught
   * up with the store (in the transaction that writes what a rebuild fold still holds), and drops
   * the old one. Readers never see an empty or partial view.
   */
  async rebuild(): Promise<void> {
    const previous = this.liveGeneration;
    const next = previous + 1;
    for (const name of this.projection.collections) await this.views.dropGeneration(name, next);
    const checkpointName = this.checkpointName(next);
    await this.views.transaction(async (tx) => tx.setCheckpoint(checkpointName, 0));
    const batchSize = this.options.batchSize ?? 500;
    const fold = this.projection.rebuildFold ? { fold: this.projection.rebuildFold(), at: 0 } : undefined;
    for (;;) {
      const after = await this.views.transaction(async (tx) => tx.checkpoint(checkpointName));
      const head = await this.events.headPosition();
      const { events, lastPosition } = await this.events.readAll({ after, maxCount: batchSize, filter: this.projection.filter });
      if (events.length > 0 || (lastPosition ?? 0) > (after ?? 0)) {
        await this.applyBatch(events, lastPosition ?? after ?? 0, next, fold);
      }
      if (events.length < batchSize && (lastPosition ?? 0) >= head) break;
    }
    await this.views.transaction(async (tx) => {
      if (fold) await fold.fold.flush(this.context(tx, next));
      for (const name of this.projection.collections) await tx.activate(name, next);
      await this.saveState(tx, { generation: next, codeVersion: this.projection.version });
    });
    this.liveGeneration = next;
    await this.running?.current()?.stop(); // the live loop resubscribes on the new generation
    for (const name of this.projection.collections) await this.views.dropGeneration(name, previous);
  }

  /** The name of the projection this runner runs. */
  get name(): string {
    return this.projection.name;
  }

  /** The live generation's checkpoint: the position of the last event it applied. */
  async checkpoint(): Promise<number | undefined> {
    const generation = this.liveGeneration;
    return this.views.transaction(async (tx) => tx.checkpoint(this.checkpointName(generation)));
  }

  private checkpointName(generation: number): string {
    return `projection:${this.projection.name}@${generation}`;
  }

  /** Follows the store on the live generation; after a switch it resubscribes on the new one. */
  private runLive(): ReturnType<typeof keepSubscribed> {
    return keepSubscribed(
      async () => {
        const generation = this.liveGeneration;
        const fromCheckpoint = await this.views.transaction(async (tx) => tx.checkpoint(this.checkpointName(generation)));
        return this.events.subscribeAll(
          { fromCheckpoint, filter: this.projection.filter, batchSize: this.options.batchSize ?? 500 },
          (events, checkpoint) => this.applyBatch(events, checkpoint, generation),
        );
      },
      { signal: this.stopping.signal, onError: this.options.onError },
    );
  }

  /** A batch and its checkpoint commit together; they can be replayed, so the commit need not wait for the disk. */
  private async applyBatch(events: RecordedEvent[], checkpoint: number, generation: number, fold?: FoldInProgress): Promise<void> {
    const name = this.checkpointName(generation);
    await this.views.transaction(
      async (tx) => {
        const applied = (await tx.checkpoint(name)) ?? 0;
        // What a fold holds in memory is not in the generation: a checkpoint it did not set means another writer.
        if (fold && applied !== fold.at) throw new Error(`the rebuild of ${this.projection.name} found generation ${generation} written by another runner`);
        const context = this.context(tx, generation);
        const fresh = events.filter((event) => event.position > applied);
        if (fold) await fold.fold.applyBatch(fresh, context);
        else if (this.projection.applyBatch) await this.projection.applyBatch(fresh, context);
        else for (const event of fresh) await this.projection.apply(event, context);
        if (checkpoint > applied) await tx.setCheckpoint(name, checkpoint);
        if (fold) fold.at = Math.max(applied, checkpoint);
      },
      { rebuildable: true },
    );
    this.options.onProgress?.(checkpoint);
  }

  private context(tx: ReadModelTransaction, generation: number): ProjectionContext {
    return { tx, collection: (collection) => tx.collection(collection, generation) };
  }

  private async state(): Promise<ProjectionState | undefined> {
    return (await this.views.collection<ProjectionState>(STATE).findById(this.projection.name)) ?? undefined;
  }

  private async saveState(tx: ReadModelTransaction, state: { generation: number; codeVersion: number }): Promise<void> {
    await tx.collection<ProjectionState>(STATE, 1).replace({ _id: this.projection.name, ...state });
  }
}
