import type { EventStore, RecordedEvent } from '@pledgebook/event-store';
import { applyStatisticsFact, InMemoryStatisticsParts, type BureauYearRollup } from '@pledgebook/reward-domain';
import { factsStream, grantStreamPrefix, openingStream } from '../streams';
import { statisticsFactOf } from './statistics-facts';

/** Every event of the store a bureau's figures are made of, recorded at or before `asOf`, in store order. */
export async function bureauStatisticsEvents(events: EventStore, bureauId: string, asOf: string): Promise<RecordedEvent[]> {
  const found = [...(await events.readStream(factsStream(bureauId), { asOf })), ...(await events.readStream(openingStream(bureauId), { asOf }))];
  const head = await events.headPosition();
  let after: number | undefined;
  for (;;) {
    const page = await events.readAll({ ...(after !== undefined ? { after } : {}), maxCount: 1000, filter: { streamPrefixes: [grantStreamPrefix(bureauId)] } });
    found.push(...page.events.filter((e) => e.recordedAt <= asOf));
    if (page.events.length < 1000 && (page.lastPosition ?? 0) >= head) break;
    if (page.lastPosition === undefined || page.lastPosition === after) break;
    after = page.lastPosition;
  }
  return found.sort((a, b) => a.position - b.position);
}

/** A bureau's rollups recomputed from its events as of a time: the same fold the live view runs. */
export async function replayRollups(events: EventStore, bureauId: string, asOf: string): Promise<BureauYearRollup[]> {
  const parts = new InMemoryStatisticsParts();
  for (const event of await bureauStatisticsEvents(events, bureauId, asOf)) {
    const fact = statisticsFactOf(event);
    if (fact) applyStatisticsFact(parts, fact);
  }
  return [...parts.rollups.values()].filter((r) => r.bureauId === bureauId);
}
