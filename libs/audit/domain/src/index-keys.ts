import { pledgeIdOfStream, programmeYearAt, yearOfStream, type IndexedEvent, type Mentions } from './mentions';

/** What the index remembers of a pledge once an event has named it with its year and pledgers. */
export interface PledgeSubject {
  pledgeId: string;
  bureauId: string;
  year: number;
  memberIds: string[];
  branchId?: string;
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
 * the bureau) in the years it names — or, naming none, its stream's year, else the programme year
 * in which it was recorded. `causeKeys` (the keys of the event that caused it) are taken over
 * when the event names no pledge and no member of its own, so consequences in any service join
 * the record of what caused them.
 */
export function indexKeys(event: IndexedEvent, mentions: Mentions, pledges: readonly PledgeSubject[], causeKeys: readonly string[] = []): string[] {
  const keys = new Set<string>([subjectKey.correlation(event.metadata.correlationId)]);
  for (const pledgeId of pledgeIdsOf(event, mentions)) keys.add(subjectKey.pledge(pledgeId));
  for (const p of pledges) {
    keys.add(subjectKey.bureauYear(p.bureauId, p.year));
    if (p.branchId) keys.add(subjectKey.branchYear(p.bureauId, p.branchId, p.year));
    for (const memberId of p.memberIds) keys.add(subjectKey.memberYear(p.bureauId, memberId, p.year));
  }
  const streamYear = yearOfStream(event.stream);
  const fallback = pledges.length > 0 ? pledges.map((p) => p.year) : streamYear !== undefined ? [streamYear] : [programmeYearAt(event.recordedAt)];
  const years = mentions.years.length > 0 ? mentions.years : fallback;
  const bureauId = bureauOf(event, mentions);
  for (const year of new Set(years)) {
    keys.add(subjectKey.bureauYear(bureauId, year));
    for (const memberId of mentions.memberIds) keys.add(subjectKey.memberYear(bureauId, memberId, year));
    for (const branchId of mentions.branchIds) keys.add(subjectKey.branchYear(bureauId, branchId, year));
  }
  if (pledgeIdsOf(event, mentions).length === 0 && mentions.memberIds.length === 0) {
    for (const key of causeKeys) if (INHERITED_KEY_PREFIXES.some((prefix) => key.startsWith(prefix))) keys.add(key);
  }
  return [...keys];
}
