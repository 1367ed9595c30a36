import { redactRestricted } from '@pledgebook/audit-domain';
import type { EventStore, RecordedEvent, StreamVerification } from '@pledgebook/event-store';
import type { AuditIndex } from '../index/audit-index.reader';
import { loadEvents } from './event-loader';
import { foldStream } from './folders';

/** One event of a timeline: where it is, who did it, why, what caused it, and what it says. */
export interface TimelineItem {
  position: number;
  stream: string;
  revision: number;
  context: string;
  eventId: string;
  type: string;
  recordedAt: string;
  bureauId: string;
  actorId: string;
  actorRole: string;
  reason: string | null;
  causationId: string;
  correlationId: string;
  hash: string;
  data: unknown;
}

export interface TimelinePage {
  items: TimelineItem[];
  /** Position after which the next page starts (exclusive), when there may be more. */
  nextAfter?: number;
}

/** What caused an event of a correlation: the request itself, or an event (where it is filed, when the index has it). */
export type CausedBy = { request: true } | { eventId: string; stream?: string; revision?: number; position?: number };

export interface CorrelationItem extends TimelineItem {
  causedBy: CausedBy;
}

export interface AggregateAsOf {
  stream: string;
  context: string;
  aggregate: string | null;
  /** The stream's revision at that time (-1: it did not exist yet). */
  revision: number;
  lastHash: string | null;
  recordedAt: string | null;
  /** The fold of the stream up to that time, for aggregates whose decider is known. */
  state: unknown;
}

const contextOf = (stream: string) => stream.split('-')[0] ?? stream;

export function timelineItem(e: RecordedEvent): TimelineItem {
  return {
    position: e.position,
    stream: e.stream,
    revision: e.revision,
    context: contextOf(e.stream),
    eventId: e.id,
    type: e.type,
    recordedAt: e.recordedAt,
    bureauId: e.metadata.bureauId,
    actorId: e.metadata.actorId,
    actorRole: e.metadata.actorRole,
    reason: e.metadata.reason ?? null,
    causationId: e.metadata.causationId,
    correlationId: e.metadata.correlationId,
    hash: e.hash,
    data: redactRestricted(e.data),
  };
}

/** Timelines, as-of states and verification of what the index files under one subject key — read from the event store. */
export class TimelineService {
  constructor(
    private readonly events: EventStore,
    private readonly index: AuditIndex,
  ) {}

  async page(key: string, options: { after?: number; limit: number; asOf?: string }): Promise<TimelinePage> {
    const entries = await this.index.entries(key, { ...options, limit: options.limit + 1 });
    const page = entries.slice(0, options.limit);
    const events = await loadEvents(this.events, page);
    return { items: events.map(timelineItem), ...(entries.length > options.limit ? { nextAfter: page[page.length - 1]!.position } : {}) };
  }

  /** One page of a correlation's events in global order, each linked to what caused it. */
  async correlation(key: string, options: { after?: number; limit: number }): Promise<{ items: CorrelationItem[]; nextAfter?: number }> {
    const page = await this.page(key, options);
    const here = new Map(page.items.map((i) => [i.eventId, i]));
    const items: CorrelationItem[] = [];
    for (const item of page.items) items.push({ ...item, causedBy: await this.causedBy(item, here) });
    return { items, ...(page.nextAfter !== undefined ? { nextAfter: page.nextAfter } : {}) };
  }

  private async causedBy(item: TimelineItem, here: Map<string, TimelineItem>): Promise<CausedBy> {
    if (!item.causationId || item.causationId === item.correlationId) return { request: true };
    const cause = here.get(item.causationId) ?? (await this.index.locate(item.causationId));
    if (!cause) return { eventId: item.causationId };
    return { eventId: item.causationId, stream: cause.stream, revision: cause.revision, position: cause.position };
  }

  /** The streams the subject appears in (up to a time), in the order they first appear. */
  async streams(key: string, asOf?: string): Promise<string[]> {
    const seen = new Set<string>();
    for await (const entry of this.index.allEntries(key, asOf)) seen.add(entry.stream);
    return [...seen];
  }

  /** Every aggregate the subject appears in, each folded as of `asOf` (its events up to then). */
  async aggregates(key: string, asOf: string): Promise<AggregateAsOf[]> {
    const result: AggregateAsOf[] = [];
    for (const stream of await this.streams(key, asOf)) {
      const events = await this.events.readStream(stream, { asOf });
      const last = events[events.length - 1];
      const folded = foldStream(stream, events);
      result.push({ stream, context: folded.context, aggregate: folded.aggregate, revision: events.length - 1, lastHash: last?.hash ?? null, recordedAt: last?.recordedAt ?? null, state: redactRestricted(folded.state) });
    }
    return result;
  }

  /** Recomputes the hash chain of every stream the subject appears in. */
  async verify(key: string): Promise<{ ok: boolean; streams: StreamVerification[] }> {
    const streams: StreamVerification[] = [];
    for (const stream of await this.streams(key)) streams.push(await this.events.verifyStream(stream));
    return { ok: streams.every((s) => s.ok), streams };
  }
}
