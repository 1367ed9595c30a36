import { Logger } from '@nestjs/common';
import { ContractRegistry, EVENT_CATALOG, type CloudEvent } from '@pledgebook/contracts';
import { PolicyRunner, type EventStore, type Policy, type RecordedEvent } from '@pledgebook/event-store';
import { Relay, runConsumer, type BusMessage, type ConsumerHandle, type IntegrationMessage, type MessageBus } from '@pledgebook/message-bus';
import { holdLease, Lease, ProjectionRunner, type HeldLease, type IndexSpec, type Projection, type ReadModelStore } from '@pledgebook/read-model';
import { hostname } from 'node:os';
import { backoffDelay, sleep, withCorrelationId } from '@pledgebook/util';
import type { Metrics } from '../observability/metrics';

/** A consumer of integration events: a group, its topics, and what it does with each event. */
export interface ContextConsumer {
  groupId: string;
  topics: readonly string[];
  /** The event types `handle` acts on; the bus passes over the others without handing them over. */
  types?: readonly string[];
  handle(event: CloudEvent, message: BusMessage): Promise<void>;
  /** Optional: a partition's batch at once (one append for many events); on failure the runner falls back to `handle`, one at a time. */
  handleBatch?(events: CloudEvent[]): Promise<void>;
}

/** Everything a context runs beside its HTTP API, described in one place. */
export interface ContextDescription {
  /** Names the relay's checkpoint and the log lines (e.g. `pledge-service`). */
  name: string;
  /** The context's own streams, relayed to the bus through `map`. */
  relay?: { streamPrefixes: readonly string[]; map(event: RecordedEvent): IntegrationMessage[] };
  projections?: readonly Projection[];
  indexes?: Readonly<Record<string, readonly IndexSpec[]>>;
  consumers?: readonly ContextConsumer[];
  /** Process-manager steps that react to the store's events (built once the projections exist). */
  policies?(runtime: { projection(name: string): ProjectionRunner }): readonly Policy[];
}

export interface ContextPorts {
  events: EventStore;
  bus: MessageBus;
  views: ReadModelStore;
  metrics: Metrics;
}

/**
 * How this process takes part (DESIGN.md §2, process roles): `all` runs the work itself (the
 * embedded default: one process per service); `api` runs none; `worker` runs it only while it
 * holds the context's worker lease, so one worker per context works at a time.
 */
export interface RuntimeSettings {
  role: 'api' | 'worker' | 'all';
  /** Lifetime of the worker lease; a killed worker is replaced after at most this long. */
  leaseTtlMs?: number;
}

/**
 * Starts a context's projections, relay and consumers (with their metrics), and stops them in
 * the reverse order. The stores are closed by the infrastructure module after this stops.
 */
export class ContextRuntime {
  private readonly logger: Logger;
  private readonly contracts = new ContractRegistry(EVENT_CATALOG);
  private readonly projections: ProjectionRunner[];
  private readonly relay?: Relay;
  private readonly consumers: ConsumerHandle[] = [];
  private readonly policies: PolicyRunner[];
  private lease?: HeldLease;
  private readonly stopping = new AbortController();
  private starting?: Promise<void>;

  constructor(
    private readonly ports: ContextPorts,
    private readonly description: ContextDescription,
    private readonly settings: RuntimeSettings = { role: 'all' },
  ) {
    this.logger = new Logger(`${description.name}-runtime`);
    const onError = (error: unknown) => this.logger.error(error instanceof Error ? error.message : String(error));
    this.projections = (description.projections ?? []).map((p) => new ProjectionRunner(ports.events, ports.views, p, { onError }));
    const projection = (name: string) => {
      const runner = this.projections.find((p) => p.name === name);
      if (!runner) throw new Error(`${description.name}: no projection named ${name}`);
      return runner;
    };
    this.policies = (description.policies?.({ projection }) ?? []).map((policy) => new PolicyRunner(ports.events, policy, { onError }));
    if (description.relay) {
      const { streamPrefixes, map } = description.relay;
      this.relay = new Relay(ports.events, ports.bus, { name: description.name, filter: { streamPrefixes: [...streamPrefixes] }, map, contracts: this.contracts, onError });
    }
  }

  /** The projection runners, e.g. for an operator's rebuild. */
  get projectionRunners(): readonly ProjectionRunner[] {
    return this.projections;
  }

  /** Starts the work now (`all`), once the worker lease is held (`worker`), or never (`api`). */
  async start(): Promise<void> {
    if (this.settings.role === 'api') return;
    if (this.settings.role === 'all') {
      // In the background: the process listens (and reports an unreachable store on /health/ready) meanwhile.
      this.starting = this.startWork().catch((error: unknown) => this.logger.error(`could not start: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    const ttlMs = this.settings.leaseTtlMs ?? 15_000;
    const owner = `${hostname()}/${process.pid}`;
    this.lease = holdLease(new Lease(this.ports.views, { name: `${this.description.name}.worker`, owner, ttlMs }), ttlMs, {
      acquired: async () => {
        this.logger.log(`worker lease held by ${owner}: starting the relay, projections and consumers`);
        this.starting = this.startWork();
        await this.starting;
      },
      lost: () => {
        // Another worker holds the work now: stop cleanly and let the orchestrator start us again as a standby.
        this.logger.error(`worker lease lost by ${owner}: shutting down`);
        process.kill(process.pid, 'SIGTERM');
      },
    });
  }

  /** Retries a start-up step until it succeeds (a store or the bus may not answer yet) or the runtime stops. */
  private async untilDone(what: string, step: () => Promise<void>): Promise<boolean> {
    for (let attempt = 1; !this.stopping.signal.aborted; attempt += 1) {
      try {
        await step();
        return true;
      } catch (error) {
        this.logger.warn(`${what} failed (attempt ${attempt}), retrying: ${error instanceof Error ? error.message : String(error)}`);
        await sleep(backoffDelay(attempt, 250, 10_000), this.stopping.signal);
      }
    }
    return false;
  }

  private async startWork(): Promise<void> {
    for (const [collection, specs] of Object.entries(this.description.indexes ?? {})) {
      if (!(await this.untilDone(`indexes of ${collection}`, () => this.ports.views.ensureIndexes(collection, specs)))) return;
    }
    for (const runner of this.projections) {
      if (!(await this.untilDone(`projection ${runner.name}`, () => runner.start()))) return;
    }
    if (this.stopping.signal.aborted) return;
    if (this.relay) {
      this.relay.start();
      this.ports.metrics.watchRelay(this.relay.checkpointName, this.ports.events);
    }
    for (const policy of this.policies) policy.start();
    for (const consumer of this.description.consumers ?? []) {
      for (const topic of consumer.topics) this.ports.metrics.watchConsumer(consumer.groupId, topic, () => this.ports.bus.lag(consumer.groupId, topic));
      const started = await this.untilDone(`consumer ${consumer.groupId}`, async () => {
        this.consumers.push(
          await runConsumer(
            this.ports.bus,
            {
              groupId: consumer.groupId,
              topics: [...consumer.topics],
              ...(consumer.types ? { types: consumer.types } : {}),
              contracts: this.contracts,
              onParked: (m, e) => this.logger.warn(`parked ${m.value.type} ${m.value.id}: ${String(e)}`),
              ...(consumer.handleBatch
                ? {
                    batchHandler: (events: CloudEvent[]) => consumer.handleBatch!(events),
                    onBatchFailed: (e: unknown) => this.logger.warn(`${consumer.groupId}: a batch failed, taking its events one at a time: ${e instanceof Error ? e.message : String(e)}`),
                  }
                : {}),
            },
            (event, message) => withCorrelationId(event.correlationid, () => consumer.handle(event, message)),
          ),
        );
      });
      if (!started) return;
    }
  }

  /** Stops the work, then gives up the worker lease (so a standby never starts while we finish). */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.starting;
    for (const consumer of this.consumers.splice(0)) await consumer.stop();
    await Promise.all(this.policies.map((p) => p.stop()));
    await this.relay?.stop();
    await Promise.all(this.projections.map((p) => p.stop()));
    await this.lease?.stop();
  }
}
