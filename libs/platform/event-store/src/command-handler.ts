import { deterministicId, newId } from '@pledgebook/util';
import type { Decider, DomainEvent } from './decider';
import { WrongExpectedRevision } from './errors';
import type { EventMetadata, EventStore, NewEvent, RecordedEvent } from './types';

/** The stream as it was loaded: its fold, its revision (-1 when empty) and its events. */
export interface LoadedStream<State> {
  state: State;
  revision: number;
  events: readonly RecordedEvent[];
}

export interface HandleCommand<Command, State> {
  stream: string;
  /** The command, or a function that builds it from the loaded state (context lookups). */
  command: Command | ((loaded: LoadedStream<State>) => Command | Promise<Command>);
  /** Who acts and why; a function when it depends on the stream or on what was decided (e.g. the role acted in). */
  metadata: EventMetadata | ((loaded: LoadedStream<State>, decided: readonly DomainEvent[]) => EventMetadata);
  /** Derives the event ids, so a retry of the same request appends the same ids: a no-op. */
  idempotencySeed?: string;
  /** The revision the caller last saw (If-Match); a different one is a WrongExpectedRevision. */
  expectedRevision?: number;
  /** Runs on the loaded state before the decider: throws to refuse (who may, in which bureau). */
  access?(loaded: LoadedStream<State>): void | Promise<void>;
  /** Times to reload and decide again when another writer got in first (never with If-Match). */
  retryOnConflict?: number;
  /** The state before any event, when it depends on the stream (e.g. carries the aggregate id). */
  initialState?(): State;
}

export interface CommandResult<State, Event> {
  state: State;
  revision: number;
  /** The events this command appended (none when it changed nothing or repeated an earlier request). */
  events: Event[];
  /** True when the request's events were already in the stream (a retry). */
  repeated: boolean;
}

/** The id of the i-th event a command appends. */
export const eventIdFor = (seed: string | undefined, index: number) => (seed ? deterministicId(`${seed}#${index}`) : newId());

/**
 * The one write path: load the stream once, check access, decide, append with the expected
 * revision. Framework-free; every context's handlers are this plus their context lookups.
 */
export class DeciderCommandHandler<Command, Event extends DomainEvent, State> {
  constructor(
    private readonly store: EventStore,
    private readonly decider: Decider<Command, Event, State>,
  ) {}

  async load(stream: string, options: { asOf?: string; initialState?: () => State } = {}): Promise<LoadedStream<State>> {
    const events = await this.store.readStream(stream, options.asOf ? { asOf: options.asOf } : {});
    const state = events.reduce((s, e) => this.decider.evolve(s, { type: e.type, data: e.data } as Event), (options.initialState ?? this.decider.initialState)());
    return { state, revision: events.length - 1, events };
  }

  async handle(request: HandleCommand<Command, State>): Promise<CommandResult<State, Event>> {
    for (let attempt = 0; ; attempt += 1) {
      const loaded = await this.load(request.stream, { ...(request.initialState ? { initialState: request.initialState } : {}) });
      // Access first: a caller who may not act here learns nothing of the stream (not even its revision).
      await request.access?.(loaded);
      if (request.idempotencySeed && loaded.events.some((e) => e.id === eventIdFor(request.idempotencySeed, 0))) {
        return { state: loaded.state, revision: loaded.revision, events: [], repeated: true };
      }
      if (request.expectedRevision !== undefined && request.expectedRevision !== loaded.revision) {
        throw new WrongExpectedRevision(request.stream, request.expectedRevision, loaded.revision < 0 ? 'no_stream' : loaded.revision);
      }
      const command = typeof request.command === 'function' ? await (request.command as (l: LoadedStream<State>) => Command | Promise<Command>)(loaded) : request.command;
      const decided = this.decider.decide(command, loaded.state);
      if (decided.length === 0) return { state: loaded.state, revision: loaded.revision, events: [], repeated: false };
      const metadata = typeof request.metadata === 'function' ? request.metadata(loaded, decided) : request.metadata;
      const toAppend: NewEvent[] = decided.map((event, i) => ({ id: eventIdFor(request.idempotencySeed, i), type: event.type, data: event.data, metadata }));
      try {
        const result = await this.store.append(request.stream, toAppend, { expectedRevision: loaded.revision < 0 ? 'no_stream' : loaded.revision });
        return { state: decided.reduce(this.decider.evolve, loaded.state), revision: result.nextExpectedRevision, events: decided, repeated: false };
      } catch (error) {
        const mayRetry = error instanceof WrongExpectedRevision && request.expectedRevision === undefined && attempt < (request.retryOnConflict ?? 0);
        if (!mayRetry) throw error;
      }
    }
  }
}

/** How an aggregate's id names its stream and starts its state. */
export interface AggregateNaming<State> {
  stream(id: string): string;
  initialState?(id: string): State;
}

/**
 * An aggregate type's streams behind its decider: read one (now or as of a time) or run a command
 * on one through the one write path. Every context's repository is one of these.
 */
export class AggregateStreams<Command, Event extends DomainEvent, State> {
  private readonly handler: DeciderCommandHandler<Command, Event, State>;

  constructor(
    store: EventStore,
    private readonly decider: Decider<Command, Event, State>,
    private readonly naming: AggregateNaming<State>,
  ) {
    this.handler = new DeciderCommandHandler(store, decider);
  }

  private initial(id: string): () => State {
    return () => (this.naming.initialState ? this.naming.initialState(id) : this.decider.initialState());
  }

  load(id: string, asOf?: string): Promise<LoadedStream<State>> {
    return this.handler.load(this.naming.stream(id), { initialState: this.initial(id), ...(asOf ? { asOf } : {}) });
  }

  handle(id: string, request: Omit<HandleCommand<Command, State>, 'stream' | 'initialState'>): Promise<CommandResult<State, Event>> {
    return this.handler.handle({ ...request, stream: this.naming.stream(id), initialState: this.initial(id) });
  }
}
