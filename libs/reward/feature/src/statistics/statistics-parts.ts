import { recordedIntegrationEvent } from '@pledgebook/nest/consumed-facts';
import type { RecordedEvent } from '@pledgebook/event-store';
import type { CollectionReader, ProjectionContext, ViewDocument } from '@pledgebook/read-model';
import { applyStatisticsFact, bookFigures, scoped, type BookLedger, type BookRecord, type BureauYearRollup, type FulfilmentLine, type Placements, type StatisticsFact, type StatisticsParts } from '@pledgebook/reward-domain';
import { statisticsFactOf } from './statistics-facts';
import { bookId, fulfilmentLine, keptLine, rollupId, STAT_BOOKS, STAT_PLACEMENTS, STAT_ROLLUPS, type BookDoc, type PlacementsDoc, type RollupDoc } from './statistics.views';

const BOOK_FACTS = new Set<StatisticsFact['kind']>(['book-submitted', 'book-revised', 'book-published', 'book-withdrawn', 'book-closed', 'progress']);
const pledgeIdOf = (fact: StatisticsFact) => (BOOK_FACTS.has(fact.kind) ? (fact as { pledgeId: string }).pledgeId : undefined);
const bureauOf = (fact: StatisticsFact) => ('bureauId' in fact ? fact.bureauId : undefined);

/** A fact and the bureau whose facts stream it came from (a book's facts all come from its bureau's). */
interface Placed {
  fact: StatisticsFact;
  bureauId?: string;
}

function strip<R>(doc: (R & { _id: string }) | undefined): R | undefined {
  if (!doc) return undefined;
  const { _id: _key, ...rest } = doc;
  return rest as unknown as R;
}

/**
 * The statistics parts stored as read-model documents, held in memory while the fold runs on
 * them (the same fold a replay as of a time runs): each is read once, when first needed, and
 * every part the fold touched is written once, by `save`. A book's records travel in its own
 * document, so a record or a recount reads nothing else.
 */
export class StoredStatisticsParts implements StatisticsParts {
  private readonly books = new Map<string, BookLedger | undefined>();
  private readonly records = new Map<string, FulfilmentLine[]>();
  private readonly rollups = new Map<string, BureauYearRollup | undefined>();
  private readonly placementMaps = new Map<string, Placements | undefined>();
  private readonly touched = { books: new Set<string>(), rollups: new Set<string>(), placements: new Set<string>() };

  /** Documents held in memory (read, or folded and not yet written). */
  get held(): number {
    return this.books.size + this.rollups.size + this.placementMaps.size;
  }

  private async read<T extends ViewDocument>(ctx: ProjectionContext, collection: string, ids: Iterable<string>, into: Map<string, unknown>): Promise<void> {
    const reader: CollectionReader<T> = ctx.collection<T>(collection);
    for (const id of ids) if (!into.has(id)) into.set(id, strip(await reader.findById(id)));
  }

  private async readBooks(ctx: ProjectionContext, facts: readonly Placed[]): Promise<void> {
    const reader = ctx.collection<BookDoc>(STAT_BOOKS);
    for (const { fact, bureauId } of facts) {
      const id = pledgeIdOf(fact);
      if (!id || !bureauId || this.books.has(id)) continue;
      const doc = await reader.findById(bookId(bureauId, id));
      if (!doc) {
        this.books.set(id, undefined);
        continue;
      }
      const lines = doc.records.map(fulfilmentLine);
      const book: BookLedger = { pledgeId: id, bureauId: doc.bureauId, year: doc.year, ...scoped(doc.branchId, doc.groupId), status: doc.status, deedItems: doc.deedItems };
      // A counted book's figures are not stored: they follow from its records.
      if (book.status === 'published' || book.status === 'closed') book.figures = bookFigures(book, lines);
      this.books.set(id, book);
      this.records.set(id, lines);
    }
  }

  /** Reads the parts these facts need that are not held yet. */
  async load(ctx: ProjectionContext, placed: readonly Placed[]): Promise<void> {
    await this.readBooks(ctx, placed);
    const facts = placed.map((p) => p.fact);
    await this.read<PlacementsDoc>(ctx, STAT_PLACEMENTS, facts.map(bureauOf).filter((id): id is string => !!id), this.placementMaps);
    const years = new Set<string>();
    for (const fact of facts) {
      const pledgeId = pledgeIdOf(fact);
      const book = pledgeId ? this.books.get(pledgeId) : undefined;
      if (fact.kind === 'book-submitted') years.add(rollupId(fact.bureauId, fact.year));
      else if (book) years.add(rollupId(book.bureauId, book.year));
      else if (fact.kind === 'check') years.add(rollupId(fact.bureauId, Number(fact.month.slice(0, 4))));
      else if ('year' in fact) years.add(rollupId(fact.bureauId, fact.year));
    }
    await this.read<RollupDoc>(ctx, STAT_ROLLUPS, years, this.rollups);
  }

  book = (pledgeId: string) => this.books.get(pledgeId);
  putBook = (book: BookLedger) => void (this.books.set(book.pledgeId, book), this.touched.books.add(book.pledgeId));
  hasRecord = (record: BookRecord) => !!this.records.get(record.pledgeId)?.some((r) => r.recordId === record.recordId);
  putRecord = ({ pledgeId, ...line }: BookRecord) => {
    const kept = this.records.get(pledgeId);
    if (kept) kept.push(line);
    else this.records.set(pledgeId, [line]);
    this.touched.books.add(pledgeId);
  };
  recordsOf = (pledgeId: string) => this.records.get(pledgeId) ?? [];
  rollup = (bureauId: string, year: number) => this.rollups.get(rollupId(bureauId, year));
  putRollup = (rollup: BureauYearRollup) => {
    const id = rollupId(rollup.bureauId, rollup.year);
    this.rollups.set(id, rollup);
    this.touched.rollups.add(id);
  };
  placements = (bureauId: string) => this.placementMaps.get(bureauId);
  putPlacements = (placements: Placements) => void (this.placementMaps.set(placements.bureauId, placements), this.touched.placements.add(placements.bureauId));

  /** A book's bureau-year not read up front (a book submitted in this batch, to a year not yet seen) is read now. */
  async ensure(ctx: ProjectionContext, fact: StatisticsFact): Promise<void> {
    const pledgeId = pledgeIdOf(fact);
    const book = pledgeId ? this.books.get(pledgeId) : undefined;
    if (book) await this.read<RollupDoc>(ctx, STAT_ROLLUPS, [rollupId(book.bureauId, book.year)], this.rollups);
  }

  /** Folds a batch of events into the parts, reading what they need first. */
  async fold(ctx: ProjectionContext, events: readonly RecordedEvent[]): Promise<void> {
    const facts: Placed[] = [];
    for (const event of events) {
      const fact = statisticsFactOf(event);
      if (fact) facts.push({ fact, bureauId: recordedIntegrationEvent(event)?.bureauId });
    }
    if (facts.length === 0) return;
    await this.load(ctx, facts);
    for (const { fact } of facts) {
      await this.ensure(ctx, fact);
      applyStatisticsFact(this, fact);
    }
  }

  /** Writes every part touched since the last save. */
  async save(ctx: ProjectionContext): Promise<void> {
    for (const id of this.touched.books) {
      const book = this.books.get(id)!;
      const doc: BookDoc = { _id: bookId(book.bureauId, id), bureauId: book.bureauId, year: book.year, ...scoped(book.branchId, book.groupId), status: book.status, deedItems: book.deedItems, records: (this.records.get(id) ?? []).map(keptLine) };
      await ctx.collection<BookDoc>(STAT_BOOKS).replace(doc);
    }
    for (const id of this.touched.rollups) await ctx.collection<RollupDoc>(STAT_ROLLUPS).replace({ _id: id, ...this.rollups.get(id)! });
    for (const id of this.touched.placements) await ctx.collection<PlacementsDoc>(STAT_PLACEMENTS).replace({ _id: id, ...this.placementMaps.get(id)! });
    for (const ids of Object.values(this.touched)) ids.clear();
  }
}
