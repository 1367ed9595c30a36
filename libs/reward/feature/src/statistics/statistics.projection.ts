import type { RecordedEvent } from '@pledgebook/event-store';
import type { CollectionReader, Projection, ProjectionContext, ViewDocument } from '@pledgebook/read-model';
import { applyStatisticsFact, type BookLedger, type BureauYearRollup, type Placements, type StatisticsFact, type StatisticsParts } from '@pledgebook/reward-domain';
import { statisticsFactOf, STATISTICS_STREAM_PREFIXES } from './statistics-facts';
import { rollupId, STAT_BOOKS, STAT_PLACEMENTS, STAT_ROLLUPS, type BookDoc, type PlacementsDoc, type RollupDoc } from './statistics.views';

const BOOK_FACTS = new Set<StatisticsFact['kind']>(['book-submitted', 'book-revised', 'book-published', 'book-withdrawn', 'book-closed', 'progress']);
const pledgeIdOf = (fact: StatisticsFact) => (BOOK_FACTS.has(fact.kind) ? (fact as { pledgeId: string }).pledgeId : undefined);
const bureauOf = (fact: StatisticsFact) => ('bureauId' in fact ? fact.bureauId : undefined);
const strip = <T extends { _id: string }>(doc: T | undefined) => {
  if (!doc) return undefined;
  const { _id: _key, ...rest } = doc;
  return rest;
};

/**
 * The statistics parts of one batch, read once and written once: the fold runs on them in
 * memory (the same fold a replay as of a time runs), then every part it touched is stored.
 */
class BatchParts implements StatisticsParts {
  private readonly books = new Map<string, BookLedger | undefined>();
  private readonly rollups = new Map<string, BureauYearRollup | undefined>();
  private readonly placementMaps = new Map<string, Placements | undefined>();
  private readonly touched = { books: new Set<string>(), rollups: new Set<string>(), placements: new Set<string>() };

  static async load(ctx: ProjectionContext, facts: readonly StatisticsFact[]): Promise<BatchParts> {
    const parts = new BatchParts();
    const read = async <T extends ViewDocument>(collection: CollectionReader<T>, ids: Iterable<string>, into: Map<string, unknown>) => {
      for (const id of ids) if (!into.has(id)) into.set(id, strip(await collection.findById(id)));
    };
    await read(ctx.collection<BookDoc>(STAT_BOOKS), facts.map(pledgeIdOf).filter((id): id is string => !!id), parts.books);
    await read(ctx.collection<PlacementsDoc>(STAT_PLACEMENTS), facts.map(bureauOf).filter((id): id is string => !!id), parts.placementMaps);
    const years = new Set<string>();
    for (const fact of facts) {
      const pledgeId = pledgeIdOf(fact);
      const book = pledgeId ? parts.books.get(pledgeId) : undefined;
      if (fact.kind === 'book-submitted') years.add(rollupId(fact.bureauId, fact.year));
      else if (book) years.add(rollupId(book.bureauId, book.year));
      else if (fact.kind === 'check') years.add(rollupId(fact.bureauId, Number(fact.month.slice(0, 4))));
      else if ('year' in fact) years.add(rollupId(fact.bureauId, fact.year));
    }
    await read(ctx.collection<RollupDoc>(STAT_ROLLUPS), years, parts.rollups);
    return parts;
  }

  book = (pledgeId: string) => this.books.get(pledgeId);
  putBook = (book: BookLedger) => void (this.books.set(book.pledgeId, book), this.touched.books.add(book.pledgeId));
  rollup = (bureauId: string, year: number) => this.rollups.get(rollupId(bureauId, year));
  putRollup = (rollup: BureauYearRollup) => {
    const id = rollupId(rollup.bureauId, rollup.year);
    this.rollups.set(id, rollup);
    this.touched.rollups.add(id);
  };
  placements = (bureauId: string) => this.placementMaps.get(bureauId);
  putPlacements = (placements: Placements) => void (this.placementMaps.set(placements.bureauId, placements), this.touched.placements.add(placements.bureauId));

  /** A rollup not loaded up front (a book submitted in this batch to a year not yet seen) is read now. */
  async ensureRollup(ctx: ProjectionContext, id: string): Promise<void> {
    if (!this.rollups.has(id)) this.rollups.set(id, strip<RollupDoc>(await ctx.collection<RollupDoc>(STAT_ROLLUPS).findById(id)) as BureauYearRollup | undefined);
  }

  async save(ctx: ProjectionContext): Promise<void> {
    for (const id of this.touched.books) await ctx.collection<BookDoc>(STAT_BOOKS).replace({ _id: id, ...this.books.get(id)! });
    for (const id of this.touched.rollups) await ctx.collection<RollupDoc>(STAT_ROLLUPS).replace({ _id: id, ...this.rollups.get(id)! });
    for (const id of this.touched.placements) await ctx.collection<PlacementsDoc>(STAT_PLACEMENTS).replace({ _id: id, ...this.placementMaps.get(id)! });
  }
}

/** Applies a batch of events: parts loaded once, the fold in memory, each touched part written once. */
async function applyBatch(events: readonly RecordedEvent[], ctx: ProjectionContext): Promise<void> {
  const facts = events.map(statisticsFactOf).filter((f): f is StatisticsFact => f !== undefined);
  if (facts.length === 0) return;
  const parts = await BatchParts.load(ctx, facts);
  for (const fact of facts) {
    const pledgeId = pledgeIdOf(fact);
    const book = pledgeId ? parts.book(pledgeId) : undefined;
    if (book) await parts.ensureRollup(ctx, rollupId(book.bureauId, book.year));
    applyStatisticsFact(parts, fact);
  }
  await parts.save(ctx);
}

/**
 * The statistics read models (ADR 0060): books with their counted records, each bureau-year's
 * rollup, and where members and units sit — folded from the facts streams, grants and opening
 * totals. A batch of events is applied at once when the runner offers batches.
 */
export const statisticsProjection: Projection & { applyBatch: typeof applyBatch } = {
  name: 'reward-statistics',
  version: 1,
  collections: [STAT_BOOKS, STAT_ROLLUPS, STAT_PLACEMENTS],
  filter: { streamPrefixes: STATISTICS_STREAM_PREFIXES },
  apply: (event, ctx) => applyBatch([event], ctx),
  applyBatch,
};
