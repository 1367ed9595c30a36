import type { StatisticsFact } from './facts';
import { countFulfilment, type FulfilmentLine } from './fulfilment-count';
import { addBookToPlace, changeBookInPlace, emptyRollup, putCheck, putResult, scoped, type BookFigures, type BureauYearRollup, type CheckCounts, type Scoped } from './rollup';

export * from './rollup';

/**
 * A pledge book as the statistics count it: where it sits, whether it counts, its deed items, and
 * (once it counts) the figures it adds to its place in its bureau-year.
 */
export interface BookLedger {
  pledgeId: string;
  bureauId: string;
  year: number;
  branchId?: string;
  groupId?: string;
  status: 'submitted' | 'published' | 'withdrawn' | 'closed';
  deedItems: number[];
  figures?: BookFigures;
}

/** A fulfilment record kept for the counting rule (a later correction is counted against it), with its book. */
export interface BookRecord extends FulfilmentLine {
  pledgeId: string;
}

/** Where the bureau's members and units sit (for results and grants, placed when they happen). */
export interface Placements {
  bureauId: string;
  members: Record<string, Scoped>;
  units: Record<string, { type: string; parentId?: string }>;
}

/** The parts of the statistics the fold reads and writes: in memory for a replay, documents for the live view. */
export interface StatisticsParts {
  book(pledgeId: string): BookLedger | undefined;
  putBook(book: BookLedger): void;
  /** Whether this record (of its book) is kept already. */
  hasRecord(record: BookRecord): boolean;
  putRecord(record: BookRecord): void;
  /** A book's records in the order they were recorded. */
  recordsOf(pledgeId: string): readonly FulfilmentLine[];
  rollup(bureauId: string, year: number): BureauYearRollup | undefined;
  putRollup(rollup: BureauYearRollup): void;
  placements(bureauId: string): Placements | undefined;
  putPlacements(placements: Placements): void;
}

/** A book's figures from all its records, by the counting rule. */
export function bookFigures(book: BookLedger, records: readonly FulfilmentLine[]): BookFigures {
  const count = countFulfilment(records);
  return {
    deedsPledged: book.deedItems.length,
    deedsDone: count.itemsWithRecords.filter((no) => book.deedItems.includes(no)).length,
    records: count.records,
    amountFen: count.amountFen,
    volunteerHours: count.volunteerHours,
    unnamedPeople: count.unnamedPeople,
    beneficiaries: count.beneficiaries,
    itemsWithRecords: count.itemsWithRecords,
  };
}

/**
 * A book's figures with one more original record (one that corrects nothing): a new line of
 * its own, so the counting rule adds it — the same figures `bookFigures` gives over all records.
 */
export function withOriginalRecord(book: BookLedger, figures: BookFigures, record: FulfilmentLine): BookFigures {
  const items = figures.itemsWithRecords.includes(record.itemNo) ? figures.itemsWithRecords : [...figures.itemsWithRecords, record.itemNo].sort((a, b) => a - b);
  const beneficiaries = record.beneficiaryRef === undefined ? figures.beneficiaries : { ...figures.beneficiaries, [record.beneficiaryRef]: Math.max(figures.beneficiaries[record.beneficiaryRef] ?? 0, record.peopleAided ?? 0) };
  return {
    deedsPledged: book.deedItems.length,
    deedsDone: items.filter((no) => book.deedItems.includes(no)).length,
    records: figures.records + 1,
    amountFen: figures.amountFen + (record.amountFen ?? 0),
    volunteerHours: figures.volunteerHours + (record.volunteerHours ?? 0),
    unnamedPeople: figures.unnamedPeople + (record.beneficiaryRef === undefined ? (record.peopleAided ?? 0) : 0),
    beneficiaries,
    itemsWithRecords: items,
  };
}

/** A member's place, the branch taken from their group when the directory names only the group. */
export function placementOf(placements: Placements | undefined, memberId: string): Scoped {
  const member = placements?.members[memberId];
  if (!member) return {};
  return scoped(member.branchId ?? (member.groupId ? placements?.units[member.groupId]?.parentId : undefined), member.groupId);
}

/** A unit recipient's place: a branch, or a group and its branch; other units count for the bureau only. */
function unitScope(placements: Placements | undefined, orgUnitId: string): Scoped {
  const unit = placements?.units[orgUnitId];
  if (unit?.type === 'party-branch') return { branchId: orgUnitId };
  if (unit?.type === 'party-group') return scoped(unit.parentId, orgUnitId);
  return {};
}

function withRollup(parts: StatisticsParts, bureauId: string, year: number, change: (rollup: BureauYearRollup) => void): void {
  const rollup = parts.rollup(bureauId, year) ?? emptyRollup(bureauId, year);
  change(rollup);
  parts.putRollup(rollup);
}

function withPlacements(parts: StatisticsParts, bureauId: string, change: (placements: Placements) => void): void {
  const placements = parts.placements(bureauId) ?? { bureauId, members: {}, units: {} };
  change(placements);
  parts.putPlacements(placements);
}

const counts = (book: BookLedger) => book.status === 'published' || book.status === 'closed';

/** A book's share of its place: none once withdrawn; in review, or counted with its figures. */
function share(rollup: BureauYearRollup, book: BookLedger, sign: 1 | -1): void {
  if (book.status !== 'withdrawn') addBookToPlace(rollup, scoped(book.branchId, book.groupId), book.figures, sign);
}

/**
 * Stores the book as it is now and moves its share of its place from what it was (`before`) to
 * what it is: its figures counted from its records unless given (withdrawn books leave).
 */
function putBook(parts: StatisticsParts, before: BookLedger | undefined, now: BookLedger, figures?: BookFigures): void {
  const { figures: _earlier, ...book } = now;
  const next: BookLedger = counts(book) ? { ...book, figures: figures ?? bookFigures(book, parts.recordsOf(book.pledgeId)) } : book;
  parts.putBook(next);
  const sameYear = before && before.bureauId === next.bureauId && before.year === next.year;
  if (before?.figures && next.figures && sameYear && before.branchId === next.branchId && before.groupId === next.groupId) {
    // Counted before and after, in the same place: the place takes the difference.
    const [was, is] = [before.figures, next.figures];
    return withRollup(parts, next.bureauId, next.year, (rollup) => changeBookInPlace(rollup, scoped(next.branchId, next.groupId), was, is));
  }
  if (before && !sameYear) withRollup(parts, before.bureauId, before.year, (rollup) => share(rollup, before, -1));
  withRollup(parts, next.bureauId, next.year, (rollup) => {
    share(rollup, next, 1);
    if (sameYear) share(rollup, before, -1);
  });
}

/** A fulfilment record: kept, and counted in its book's figures once the book counts. */
function recordProgress(parts: StatisticsParts, pledgeId: string, line: FulfilmentLine): void {
  const book = parts.book(pledgeId);
  const record = { ...line, pledgeId };
  if (!book || parts.hasRecord(record)) return; // a book never seen submitted, or a record already kept
  parts.putRecord(record);
  if (!counts(book)) return;
  const before = book.figures;
  // A correction may replace any line: count the book again.
  if (!before || line.corrects !== undefined) return putBook(parts, book, book);
  // An original record adds a line: the book and its place take what it adds.
  const figures = withOriginalRecord(book, before, line);
  parts.putBook({ ...book, figures });
  withRollup(parts, book.bureauId, book.year, (rollup) => changeBookInPlace(rollup, book, before, figures));
}

function changeBook(parts: StatisticsParts, pledgeId: string, change: (book: BookLedger) => void): void {
  const book = parts.book(pledgeId);
  if (!book) return; // a book whose submission this service never learned of: nothing to count it by
  const next = { ...book };
  change(next);
  putBook(parts, book, next);
}

/** Folds one fact into the statistics. Deterministic: the same facts in the same order give the same parts. */
export function applyStatisticsFact(parts: StatisticsParts, fact: StatisticsFact): void {
  switch (fact.kind) {
    case 'unit':
      return withPlacements(parts, fact.bureauId, (p) => void (p.units[fact.orgUnitId] = { type: fact.type, ...(fact.parentId ? { parentId: fact.parentId } : {}) }));
    case 'member':
      return withPlacements(parts, fact.bureauId, (p) => void (p.members[fact.memberId] = scoped(fact.branchId, fact.groupId)));
    case 'book-submitted': {
      const earlier = parts.book(fact.pledgeId);
      const book: BookLedger = {
        pledgeId: fact.pledgeId,
        bureauId: fact.bureauId,
        year: fact.year,
        ...scoped(fact.branchId, fact.groupId),
        status: earlier?.status === 'published' || earlier?.status === 'closed' ? earlier.status : 'submitted',
        deedItems: [...fact.deedItems],
      };
      return putBook(parts, earlier, book);
    }
    case 'book-revised':
      return changeBook(parts, fact.pledgeId, (b) => void (b.deedItems = [...fact.deedItems]));
    case 'book-published':
      return changeBook(parts, fact.pledgeId, (b) => void (b.status = b.status === 'withdrawn' ? 'withdrawn' : 'published'));
    case 'book-withdrawn':
      return changeBook(parts, fact.pledgeId, (b) => void (b.status = 'withdrawn'));
    case 'book-closed': {
      // Closing changes no figure: the book keeps them.
      const book = parts.book(fact.pledgeId);
      if (!book || book.status !== 'published') return;
      return putBook(parts, book, { ...book, status: 'closed' }, book.figures);
    }
    case 'progress':
      return recordProgress(parts, fact.pledgeId, fact.record);
    case 'check': {
      const year = Number(fact.month.slice(0, 4));
      const branchId = fact.branchId ?? parts.placements(fact.bureauId)?.units[fact.groupId]?.parentId;
      const counts: CheckCounts = [fact.items, fact.done, fact.onTrack, fact.behind, fact.notStarted];
      // One check per group and month: a later (corrected) check replaces the earlier.
      return withRollup(parts, fact.bureauId, year, (r) => putCheck(r, fact.groupId, branchId, fact.month.slice(5, 7), counts));
    }
    case 'result': {
      const place = placementOf(parts.placements(fact.bureauId), fact.memberId);
      return withRollup(parts, fact.bureauId, fact.year, (r) => putResult(r, `${fact.memberId}|${fact.half}`, place, fact.grade));
    }
    case 'grant': {
      const placements = parts.placements(fact.bureauId);
      const place = fact.recipient.type === 'member' ? placementOf(placements, fact.recipient.id) : unitScope(placements, fact.recipient.id);
      return withRollup(parts, fact.bureauId, fact.year, (r) => void (r.grants[fact.grantId] = { ...place, amountFen: fact.amountFen }));
    }
    case 'grant-revoked':
      return withRollup(parts, fact.bureauId, fact.year, (r) => {
        const grant = r.grants[fact.grantId];
        if (grant) grant.revoked = true;
      });
    case 'opening':
      return withRollup(parts, fact.bureauId, fact.year, (r) => void (r.opening = { ...fact.figures }));
  }
}

/** Parts held in memory: a replay of a bureau's facts as of a time folds into these. */
export class InMemoryStatisticsParts implements StatisticsParts {
  readonly books = new Map<string, BookLedger>();
  readonly records = new Map<string, BookRecord>();
  private readonly byBook = new Map<string, BookRecord[]>();
  readonly rollups = new Map<string, BureauYearRollup>();
  readonly placementsByBureau = new Map<string, Placements>();
  book = (pledgeId: string) => this.books.get(pledgeId);
  putBook = (book: BookLedger) => void this.books.set(book.pledgeId, book);
  hasRecord = (record: BookRecord) => this.records.has(record.recordId);
  putRecord = (record: BookRecord) => {
    this.records.set(record.recordId, record);
    const kept = this.byBook.get(record.pledgeId);
    if (kept) kept.push(record);
    else this.byBook.set(record.pledgeId, [record]);
  };
  recordsOf = (pledgeId: string) => this.byBook.get(pledgeId) ?? [];
  rollup = (bureauId: string, year: number) => this.rollups.get(`${bureauId}/${year}`);
  putRollup = (rollup: BureauYearRollup) => void this.rollups.set(`${rollup.bureauId}/${rollup.year}`, rollup);
  placements = (bureauId: string) => this.placementsByBureau.get(bureauId);
  putPlacements = (placements: Placements) => void this.placementsByBureau.set(placements.bureauId, placements);
}
