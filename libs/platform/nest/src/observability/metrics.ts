import type { EventStore } from '@pledgebook/event-store';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

type LagReader = () => Promise<number>;

/**
 * One process's Prometheus metrics: request latency, events appended, and the lag of its relays
 * and consumers (read when scraped). Served at GET /metrics.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requestDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly appended: Counter;
  private readonly relays = new Map<string, LagReader>();
  private readonly consumers = new Map<string, { group: string; topic: string; read: LagReader }>();

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.requestDuration = new Histogram({
      name: 'pledgebook_http_request_duration_seconds',
      help: 'HTTP request latency by route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.appended = new Counter({ name: 'pledgebook_events_appended_total', help: 'Events written to the event store by this process', registers: [this.registry] });
    const relays = this.relays;
    new Gauge({
      name: 'pledgebook_relay_lag_events',
      help: 'Event store positions between the head and what the relay has published',
      labelNames: ['relay'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [relay, read] of relays) this.set({ relay }, await read().catch(() => Number.NaN));
      },
    });
    const consumers = this.consumers;
    new Gauge({
      name: 'pledgebook_consumer_lag_messages',
      help: 'Messages on a topic that the consumer group has not committed yet',
      labelNames: ['group', 'topic'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const { group, topic, read } of consumers.values()) this.set({ group, topic }, await read().catch(() => Number.NaN));
      },
    });
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.requestDuration.observe({ method, route, status: String(status) }, seconds);
  }

  countAppended(events: number): void {
    this.appended.inc(events);
  }

  /** A relay publishing from the event store: lag = head position − its checkpoint (named by `checkpoint`). */
  watchRelay(checkpoint: string, events: Pick<EventStore, 'headPosition' | 'loadCheckpoint'>): void {
    this.relays.set(checkpoint, async () => (await events.headPosition()) - ((await events.loadCheckpoint(checkpoint)) ?? 0));
  }

  watchConsumer(group: string, topic: string, read: LagReader): void {
    this.consumers.set(`${group}|${topic}`, { group, topic, read });
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

interface TimedRequest {
  method: string;
  route?: { path?: string };
  baseUrl?: string;
}
interface TimedResponse {
  statusCode: number;
  locals?: { metricsRoute?: string };
  once(event: 'finish', listener: () => void): unknown;
}

/** Express middleware: times every request, labelled by its route template (never the raw path). */
export function requestTiming(metrics: Metrics) {
  return (req: TimedRequest, res: TimedResponse, next: () => void): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const route = req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : (res.locals?.metricsRoute ?? 'unmatched');
      metrics.observeRequest(req.method, route, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}

/** The event store, counting what this process appends (repeats of an idempotent append are not counted). */
export function countingAppends(store: EventStore, metrics: Metrics): EventStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (property !== 'append') return value.bind(target);
      const append: EventStore['append'] = async (stream, events, options) => {
        const result = await target.append(stream, events, options);
        if (!result.idempotent) metrics.countAppended(events.length);
        return result;
      };
      return append;
    },
  });
}
