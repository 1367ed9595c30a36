import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '@pledgebook/event-store';
import { EVENT_STORE, READ_MODELS } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { applyStatisticsFact, bureauTables, InMemoryStatisticsParts, sumFigures, type BureauTables, type BureauYearRollup, type Figures } from '@pledgebook/reward-domain';
import { all } from '../projections/all';
import { factsStream, grantStreamPrefix, openingStream } from '../streams';
import { statisticsFactOf } from './statistics-facts';
import { STAT_ROLLUPS, type RollupDoc } from './statistics.views';

const withoutId = ({ _id: _key, ...rollup }: RollupDoc): BureauYearRollup => rollup;

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

/**
 * Figures for the statistics routes: from the live rollups, or (with `asOf`) recomputed from the
 * events recorded by then. Figures due by a date (checks owed) are reckoned at the as-of time.
 */
@Injectable()
export class StatisticsReader {
  constructor(
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  /** Rollups by bureau: live, or replayed as of a time. */
  async rollups(bureauIds: readonly string[], options: { year?: number; asOf?: string }): Promise<Map<string, BureauYearRollup[]>> {
    const byBureau = new Map<string, BureauYearRollup[]>(bureauIds.map((id) => [id, []]));
    if (options.asOf) {
      for (const id of bureauIds) byBureau.set(id, (await replayRollups(this.events, id, options.asOf)).filter((r) => options.year === undefined || r.year === options.year));
      return byBureau;
    }
    const docs = await all<RollupDoc>(this.views, STAT_ROLLUPS, { bureauId: { $in: [...bureauIds] }, ...(options.year !== undefined ? { year: options.year } : {}) });
    for (const doc of docs) byBureau.get(doc.bureauId)?.push(withoutId(doc));
    return byBureau;
  }

  async tables(bureauId: string, options: { year?: number; asOf?: string }): Promise<BureauTables> {
    const asOf = options.asOf ?? new Date().toISOString();
    const rollups = (await this.rollups([bureauId], options)).get(bureauId) ?? [];
    return bureauTables(rollups, { ...(options.year !== undefined ? { year: options.year } : {}), asOf });
  }

  /** Each bureau's total (a subtree's bureaus), for roll-ups. */
  async totals(bureauIds: readonly string[], options: { year?: number; asOf?: string }): Promise<Map<string, Figures>> {
    const asOf = options.asOf ?? new Date().toISOString();
    const rollups = await this.rollups(bureauIds, options);
    const totals = new Map<string, Figures>();
    for (const [id, list] of rollups) totals.set(id, bureauTables(list, { ...(options.year !== undefined ? { year: options.year } : {}), asOf }).total);
    return totals;
  }
}

export { sumFigures };
