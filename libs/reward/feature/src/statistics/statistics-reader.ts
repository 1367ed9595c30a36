import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@pledgebook/event-store';
import { EVENT_STORE, READ_MODELS } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { bureauTables, bureauTotal, type BureauTables, type BureauYearRollup, type Figures } from '@pledgebook/reward-domain';
import { all } from '../projections/all';
import { replayRollups } from './replay';
import { STAT_ROLLUPS, type RollupDoc } from './statistics.views';

const withoutId = ({ _id: _key, ...rollup }: RollupDoc): BureauYearRollup => rollup;

/** A period (a year, or since the start), the as-of time, and whether to recompute from the events recorded by then. */
export interface FigureOptions {
  year?: number;
  /** The figures' time: months of checks due are reckoned at it; with `replay`, only events recorded by then count. */
  asOf: string;
  replay: boolean;
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

  /** Rollups by bureau: live, or (`replay`) recomputed from the events recorded by `asOf`. */
  async rollups(bureauIds: readonly string[], options: FigureOptions): Promise<Map<string, BureauYearRollup[]>> {
    const byBureau = new Map<string, BureauYearRollup[]>(bureauIds.map((id) => [id, []]));
    if (options.replay) {
      for (const id of bureauIds) byBureau.set(id, (await replayRollups(this.events, id, options.asOf)).filter((r) => options.year === undefined || r.year === options.year));
      return byBureau;
    }
    const docs = await all<RollupDoc>(this.views, STAT_ROLLUPS, { bureauId: { $in: [...bureauIds] }, ...(options.year !== undefined ? { year: options.year } : {}) });
    for (const doc of docs) byBureau.get(doc.bureauId)?.push(withoutId(doc));
    return byBureau;
  }

  async tables(bureauId: string, options: FigureOptions): Promise<BureauTables> {
    const rollups = (await this.rollups([bureauId], options)).get(bureauId) ?? [];
    return bureauTables(rollups, { ...(options.year !== undefined ? { year: options.year } : {}), asOf: options.asOf });
  }

  /** Each bureau's total (a subtree's bureaus), for roll-ups. */
  async totals(bureauIds: readonly string[], options: FigureOptions): Promise<Map<string, Figures>> {
    const rollups = await this.rollups(bureauIds, options);
    const totals = new Map<string, Figures>();
    for (const [id, list] of rollups) totals.set(id, bureauTotal(list, { ...(options.year !== undefined ? { year: options.year } : {}), asOf: options.asOf }));
    return totals;
  }
}
