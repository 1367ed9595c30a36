import type { RecordedEvent } from '@pledgebook/event-store';
import type { CollectionReader, Projection, ProjectionContext, ViewDocument } from '@pledgebook/read-model';
import { applyStatisticsFact, type BookLedger, type BookRecord, type BureauYearRollup, type Placements, type StatisticsFact, type StatisticsParts } from '@pledgebook/reward-domain';
import { statisticsFactOf, STATISTICS_STREAM_PREFIXES } from './statistics-facts';
import { chunkId, rollupId, STAT_BOOKS, STAT_PLACEMENTS, STAT_RECORDS, STAT_ROLLUPS, type BookDoc, type KeptRecord, type PlacementsDoc, type RecordChunkDoc, type RollupDoc } from './statistics.views';

const BOOK_FACTS = new Set<StatisticsFact['kind']>(['book-submitted', 'book-revised', 'book-published', 'book-withdrawn', 'book-closed', 'progress']);
/** Facts whose fold counts a book's records again (a correction may replace any line). */
const recounts = (fact: StatisticsFact) => fact.kind === 'book-submitted' || fact.kind === 'book-revised' || fact.kind === 'book-published' || (fact.kind === 'progress' && fact.record.corrects !== undefined);
const pledgeIdOf = (fact: StatisticsFact) => (BOOK_FACTS.has(fact.kind) ? (fact as { pledgeId: string }).pledgeId : undefined);
const bureauOf = (fact: StatisticsFact) => ('bureauId' in fact ? fact.bureauId : undefined);

function strip<R>(doc: (R & { _id: string }) | undefined): R | undefined {
  if (!doc) return undefined;
  const { _id: _key, ...rest } = doc;
  return rest as unknown as R;
}

interface Positioned {
  fact: StatisticsFact;
  position: number;
}

/**
 * The statistics parts one batch needs, read once and written once: the fold runs on them in
 * memory (the same fold a replay as of a time runs), then every part it touched is stored.
 */
class BatchParts implements StatisticsParts {
  private readonly books = new Map<string, BookLedger | undefined>();
  private readonly chunks = new Map<string, RecordChunkDoc | undefined>();
  /** Bureau-years whose every record chunk is read (a book of theirs is counted again this batch). */
  private readonly wholeYears = new Set<string>();
  private readonly rollups = new Map<string, BureauYearRollup | undefined>();
  private readonly placementMaps = new Map<string, Placements | undefined>();
  private readonly touched = { books: new Set<string>(), chunks: new Set<string>(), rollups: new Set<string>(), placements: new Set<string>() };
  /** The position of the fact being folded (a new record's `seq`). */
  position = 0;

  constructor(private readonly ctx: ProjectionContext) {}

  private async read<T extends ViewDocument>(collection: string, ids: Iterable<string>, into: Map<string, unknown>, keepId = false): Promise<void> {
    const reader: CollectionReader<T> = this.ctx.collection<T>(collection);
    for (const id of ids) if (!into.has(id)) into.set(id, keepId ? await reader.findById(id) : strip(await reader.findById(id)));
  }

  async load(facts: readonly Positioned[]): Promise<void> {
    await this.read<BookDoc>(STAT_BOOKS, facts.map((f) => pledgeIdOf(f.fact)).filter((id): id is string => !!id), this.books);
    await this.read<PlacementsDoc>(STAT_PLACEMENTS, facts.map((f) => bureauOf(f.fact)).filter((id): id is string => !!id), this.placementMaps);
    const years = new Set<string>();
    const chunkIds = new Set<string>();
    for (const { fact } of facts) {
      const pledgeId = pledgeIdOf(fact);
      const book = pledgeId ? this.books.get(pledgeId) : undefined;
      if (fact.kind === 'book-submitted') years.add(rollupId(fact.bureauId, fact.year));
      else if (book) years.add(rollupId(book.bureauId, book.year));
      else if (fact.kind === 'check') years.add(rollupId(fact.bureauId, Number(fact.month.slice(0, 4))));
      else if ('year' in fact) years.add(rollupId(fact.bureauId, fact.year));
      if (book && fact.kind === 'progress') chunkIds.add(chunkId(book.bureauId, book.year, fact.record.recordedOn));
      const year = fact.kind === 'book-submitted' ? { bureauId: fact.bureauId, year: fact.year } : book;
      if (year && recounts(fact) && !this.wholeYears.has(rollupId(year.bureauId, year.year))) {
        this.wholeYears.add(rollupId(year.bureauId, year.year));
        for (const chunk of (await this.ctx.collection<RecordChunkDoc>(STAT_RECORDS).find({ bureauId: year.bureauId, year: year.year }, { limit: 1000 })).items) this.chunks.set(chunk._id, chunk);
      }
    }
    await this.read<RecordChunkDoc>(STAT_RECORDS, chunkIds, this.chunks, true);
    await this.read<RollupDoc>(STAT_ROLLUPS, years, this.rollups);
  }

  book = (pledgeId: string) => this.books.get(pledgeId);
  putBook = (book: BookLedger) => void (this.books.set(book.pledgeId, book), this.touched.books.add(book.pledgeId));
  private chunkOf(record: BookRecord): string | undefined {
    const book = this.books.get(record.pledgeId);
    return book ? chunkId(book.bureauId, book.year, record.recordedOn) : undefined;
  }
  hasRecord = (record: BookRecord) => {
    const id = this.chunkOf(record);
    return !!id && !!this.chunks.get(id)?.records.some((r) => r.recordId === record.recordId);
  };
  putRecord = (record: BookRecord) => {
    const book = this.books.get(record.pledgeId)!;
    const id = chunkId(book.bureauId, book.year, record.recordedOn);
    const chunk = this.chunks.get(id) ?? { _id: id, bureauId: book.bureauId, year: book.year, month: record.recordedOn.slice(0, 7), records: [] };
    chunk.records.push({ ...record, seq: this.position });
    this.chunks.set(id, chunk);
    this.touched.chunks.add(id);
  };
  recordsOf = (pledgeId: string) => {
    const book = this.books.get(pledgeId);
    if (!book) return [];
    const prefix = `${rollupId(book.bureauId, book.year)}/`;
    const kept: KeptRecord[] = [];
    for (const [id, chunk] of this.chunks) if (id.startsWith(prefix) && chunk) kept.push(...chunk.records.filter((r) => r.pledgeId === pledgeId));
    return kept.sort((a, b) => a.seq - b.seq).map(({ seq: _s, ...record }) => record);
  };
  rollup = (bureauId: string, year: number) => this.rollups.get(rollupId(bureauId, year));
  putRollup = (rollup: BureauYearRollup) => {
    const id = rollupId(rollup.bureauId, rollup.year);
    this.rollups.set(id, rollup);
    this.touched.rollups.add(id);
  };
  placements = (bureauId: string) => this.placementMaps.get(bureauId);
  putPlacements = (placements: Placements) => void (this.placementMaps.set(placements.bureauId, placements), this.touched.placements.add(placements.bureauId));

  /** Parts not read up front (a book submitted in this batch, to a year not yet seen) are read now. */
  async ensure(fact: StatisticsFact): Promise<void> {
    const pledgeId = pledgeIdOf(fact);
    const book = pledgeId ? this.books.get(pledgeId) : undefined;
    if (!book) return;
    const id = rollupId(book.bureauId, book.year);
    if (!this.rollups.has(id)) this.rollups.set(id, strip<BureauYearRollup>(await this.ctx.collection<RollupDoc>(STAT_ROLLUPS).findById(id)));
    if (fact.kind === 'progress') {
      const chunk = chunkId(book.bureauId, book.year, fact.record.recordedOn);
      if (!this.chunks.has(chunk)) this.chunks.set(chunk, await this.ctx.collection<RecordChunkDoc>(STAT_RECORDS).findById(chunk));
    }
  }

  async save(): Promise<void> {
    for (const id of this.touched.books) await this.ctx.collection<BookDoc>(STAT_BOOKS).replace({ _id: id, ...this.books.get(id)! });
    for (const id of this.touched.chunks) await this.ctx.collection<RecordChunkDoc>(STAT_RECORDS).replace(this.chunks.get(id)!);
    for (const id of this.touched.rollups) await this.ctx.collection<RollupDoc>(STAT_ROLLUPS).replace({ _id: id, ...this.rollups.get(id)! });
    for (const id of this.touched.placements) await this.ctx.collection<PlacementsDoc>(STAT_PLACEMENTS).replace({ _id: id, ...this.placementMaps.get(id)! });
  }
}

/** Applies a batch of events: parts read once, the fold in memory, each touched part written once. */
async function applyBatch(events: readonly RecordedEvent[], ctx: ProjectionContext): Promise<void> {
  const facts: Positioned[] = [];
  for (const event of events) {
    const fact = statisticsFactOf(event);
    if (fact) facts.push({ fact, position: event.position });
  }
  if (facts.length === 0) return;
  const parts = new BatchParts(ctx);
  await parts.load(facts);
  for (const { fact, position } of facts) {
    await parts.ensure(fact);
    parts.position = position;
    applyStatisticsFact(parts, fact);
  }
  await parts.save();
}

/**
 * The statistics read models (ADR 0060): books, their kept records, each bureau-year's rollup,
 * and where members and units sit — folded from the facts streams, grants and opening totals.
 * Batches are applied at once: each touched document is read and written once a batch.
 */
export const statisticsProjection: Projection & { applyBatch: typeof applyBatch } = {
  name: 'reward-statistics',
  version: 1,
  collections: [STAT_BOOKS, STAT_RECORDS, STAT_ROLLUPS, STAT_PLACEMENTS],
  filter: { streamPrefixes: STATISTICS_STREAM_PREFIXES },
  apply: (event, ctx) => applyBatch([event], ctx),
  applyBatch,
};

/** The indexes the statistics read models need (a bureau-year's record chunks; a bureau's rollups by year). */
export const STATISTICS_INDEXES = {
  [STAT_RECORDS]: [{ fields: ['bureauId', 'year'] }],
  [STAT_ROLLUPS]: [{ fields: ['bureauId', 'year'] }],
};
