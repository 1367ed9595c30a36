import { pledgeIdOfStream, programmeYearAt, yearOfStream, type IndexedEvent, type Mentions } from './mentions';

/** Where the index keeps the pledge books a member holds in a year (a reward for their fulfilment concerns them). */
export const booksKey = (bureauId: string, memberId: string, year: number) => `books/${bureauId}/${memberId}/${year}`;

/** What the index remembers of a pledge once an event has named it with its year and pledgers. */
export interface PledgeSubject {
  pledgeId: string;
  bureauId: string;
  year: number;
  memberIds: string[];
  branchId?: string;
}

/**
 * What the index remembers of one aggregate's stream whose later events may name nobody (a
 * selection's notice and announcement, a grant's revocation, a declined work): the bureau, the
 * years and the people its events have named so far.
 */
export interface StreamSubject {
  stream: string;
  bureauId: string;
  years: number[];
  memberIds: string[];
  branchIds: string[];
  /** Books its events were filed under (a grant for fulfilment): its later events follow them there. */
  pledgeIds: string[];
}

/**
 * Aggregates whose later events may name nobody yet concern the people named before: recognised,
 * like every aggregate here, by the event that opens their stream (the reward service's
 * selections, grants and research works).
 */
export const PEOPLE_AGGREGATE_OPENINGS: ReadonlySet<string> = new Set(['SelectionOpened', 'RewardGranted', 'ResearchWorkSubmitted']);

/**
 * The keys under which an earlier event of an aggregate's stream is also filed once the stream
 * names new people: its year's keys for members and branches (and books) it did not have before.
 */
export function keysForNewPeople(before: StreamSubject | undefined, after: StreamSubject): string[] {
  const keys: string[] = [];
  const had = (list: readonly string[] | undefined, id: string) => (list ?? []).includes(id);
  for (const year of after.years) {
    for (const memberId of after.memberIds) if (!had(before?.memberIds, memberId) || !before?.years.includes(year)) keys.push(subjectKey.memberYear(after.bureauId, memberId, year));
    for (const branchId of after.branchIds) if (!had(before?.branchIds, branchId) || !before?.years.includes(year)) keys.push(subjectKey.branchYear(after.bureauId, branchId, year));
  }
  for (const pledgeId of after.pledgeIds) if (!had(before?.pledgeIds, pledgeId)) keys.push(subjectKey.pledge(pledgeId));
  return keys;
}

/** What an event adds to its stream's subject (undefined when nothing new; `known` undefined: the stream's first). */
export function learnStreamSubject(event: IndexedEvent, mentions: Mentions, known: StreamSubject | undefined, books: readonly string[] = []): StreamSubject | undefined {
  const years = mentions.years.length > 0 ? mentions.years : known ? [] : [yearOfStream(event.stream) ?? programmeYearAt(event.recordedAt)];
  const base: StreamSubject = known ?? { stream: event.stream, bureauId: bureauOf(event, mentions), years: [], memberIds: [], branchIds: [], pledgeIds: [] };
  const merge = (a: readonly (string | number)[], b: readonly (string | number)[]) => [...new Set([...a, ...b])];
  const next: StreamSubject = {
    ...base,
    years: merge(base.years, years) as number[],
    memberIds: merge(base.memberIds, mentions.memberIds) as string[],
    branchIds: merge(base.branchIds, mentions.branchIds) as string[],
    pledgeIds: merge(base.pledgeIds, books) as string[],
  };
  const changed = !known || (['years', 'memberIds', 'branchIds', 'pledgeIds'] as const).some((field) => next[field].length !== known[field].length);
  return changed ? next : undefined;
}

/** What the index knows beside an event's own mentions when it files it. */
export interface FilingContext {
  /** The keys of the event that caused it (taken over when it names no pledge and no member). */
  causeKeys?: readonly string[];
  /** Its stream's subject, when the stream is one aggregate's whose events concern people. */
  stream?: StreamSubject;
  /** Books of the members it names in its years, when it is a reward grounded on a final result. */
  resultBooks?: readonly string[];
}

/** The subjects a timeline or an export asks for, as index keys. */
export const subjectKey = {
  pledge: (pledgeId: string) => `p:${pledgeId.toLowerCase()}`,
  memberYear: (bureauId: string, memberId: string, year: number) => `m:${bureauId}/${memberId}/${year}`,
  branchYear: (bureauId: string, branchId: string, year: number) => `b:${bureauId}/${branchId}/${year}`,
  bureauYear: (bureauId: string, year: number) => `y:${bureauId}/${year}`,
  correlation: (correlationId: string) => `c:${correlationId}`,
};

/** Keys an event inherits from the event that caused it, when it names no pledge or member itself. */
export const INHERITED_KEY_PREFIXES = ['p:', 'm:', 'b:'] as const;

/** The pledges an event concerns: the one its stream is keyed by, and those its data names. */
export function pledgeIdsOf(event: Pick<IndexedEvent, 'stream'>, mentions: Mentions): string[] {
  const own = pledgeIdOfStream(event.stream);
  return [...new Set([...(own ? [own] : []), ...mentions.pledgeIds])];
}

/** The bureau an event's own mentions belong to: the one its data names, else the one it was recorded for. */
export function bureauOf(event: Pick<IndexedEvent, 'metadata'>, mentions: Mentions): string {
  return mentions.bureauIds.length === 1 ? mentions.bureauIds[0]! : event.metadata.bureauId;
}

/**
 * A pledge learnt from an event that names exactly one pledge together with its year (the draft,
 * a submission, a review round, a recorded fact); later events add a branch or pledgers it lacked.
 */
export function learnPledgeSubject(event: IndexedEvent, mentions: Mentions, known: PledgeSubject | undefined): PledgeSubject | undefined {
  const pledgeIds = pledgeIdsOf(event, mentions);
  if (pledgeIds.length !== 1 || mentions.years.length !== 1) return undefined;
  const pledgeId = pledgeIds[0]!;
  if (!known) {
    return { pledgeId, bureauId: bureauOf(event, mentions), year: mentions.years[0]!, memberIds: mentions.memberIds, ...(mentions.branchIds[0] ? { branchId: mentions.branchIds[0] } : {}) };
  }
  const memberIds = [...new Set([...known.memberIds, ...mentions.memberIds])];
  const branchId = known.branchId ?? mentions.branchIds[0];
  if (memberIds.length === known.memberIds.length && branchId === known.branchId) return undefined;
  return { ...known, memberIds, ...(branchId ? { branchId } : {}) };
}

/**
 * Every index key of one event: its correlation; each pledge it concerns with that pledge's
 * bureau-year, branch-year and pledgers' years; and what its own data names (members, branches,
 * the bureau) in the years it names — or, naming none, its pledge's or its aggregate stream's
 * year, its stream name's year, else the programme year in which it was recorded. An event that
 * names no pledge and no member of its own takes over the people its aggregate's stream has named
 * (`context.stream`) and the pledge and member keys of the event that caused it
 * (`context.causeKeys`), so later steps of a selection and consequences in any service join the
 * record of whom they concern. A reward grounded on a final result is filed under the books the
 * member pledged that year (`context.resultBooks`).
 */
export function indexKeys(event: IndexedEvent, mentions: Mentions, pledges: readonly PledgeSubject[], context: FilingContext = {}): string[] {
  const keys = new Set<string>([subjectKey.correlation(event.metadata.correlationId)]);
  for (const pledgeId of pledgeIdsOf(event, mentions)) keys.add(subjectKey.pledge(pledgeId));
  for (const pledgeId of context.resultBooks ?? []) keys.add(subjectKey.pledge(pledgeId));
  for (const p of pledges) {
    keys.add(subjectKey.bureauYear(p.bureauId, p.year));
    if (p.branchId) keys.add(subjectKey.branchYear(p.bureauId, p.branchId, p.year));
    for (const memberId of p.memberIds) keys.add(subjectKey.memberYear(p.bureauId, memberId, p.year));
  }
  const streamYear = yearOfStream(event.stream);
  const aggregateYears = context.stream?.years ?? [];
  const fallback = pledges.length > 0 ? pledges.map((p) => p.year) : aggregateYears.length > 0 ? aggregateYears : streamYear !== undefined ? [streamYear] : [programmeYearAt(event.recordedAt)];
  const years = mentions.years.length > 0 ? mentions.years : fallback;
  const bureauId = bureauOf(event, mentions);
  for (const year of new Set(years)) {
    keys.add(subjectKey.bureauYear(bureauId, year));
    for (const memberId of mentions.memberIds) keys.add(subjectKey.memberYear(bureauId, memberId, year));
    for (const branchId of mentions.branchIds) keys.add(subjectKey.branchYear(bureauId, branchId, year));
  }
  if (pledgeIdsOf(event, mentions).length === 0 && mentions.memberIds.length === 0) {
    const own = context.stream;
    if (own) {
      for (const pledgeId of own.pledgeIds) keys.add(subjectKey.pledge(pledgeId));
      for (const year of new Set(years)) {
        for (const memberId of own.memberIds) keys.add(subjectKey.memberYear(own.bureauId, memberId, year));
        for (const branchId of own.branchIds) keys.add(subjectKey.branchYear(own.bureauId, branchId, year));
      }
    }
    for (const key of context.causeKeys ?? []) if (INHERITED_KEY_PREFIXES.some((prefix) => key.startsWith(prefix))) keys.add(key);
  }
  return [...keys];
}
