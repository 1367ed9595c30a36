/**
 * What the appraisal service learned from the pledge service (directory, published books, their
 * fulfilment records, the appraisal office's staff, closed years), recorded in its own streams.
 */
export const factsStream = (bureauId: string) => `appraisal-facts-${bureauId}`;
export const FACTS_STREAM_PREFIX = 'appraisal-facts-';
export const FACTS_CONSUMER = 'appraisal-service.pledges';

/** What it learned from the reward service about research works (rated, granted, revoked), per bureau (ADR 0087). */
export const researchFactsStream = (bureauId: string) => `appraisal-research-${bureauId}`;
export const RESEARCH_STREAM_PREFIX = 'appraisal-research-';
export const RESEARCH_CONSUMER = 'appraisal-service.research';

// Every aggregate's stream names its bureau (ADR 0019). Bureau ids hold no dot and directory keys
// (groups, branches) none either, so the dotted parts after the prefix are unambiguous.

export const STREAM_PREFIXES = {
  scheme: 'appraisal-scheme-',
  calendar: 'appraisal-calendar-',
  check: 'appraisal-check-',
  dispatch: 'appraisal-dispatch-',
  talk: 'appraisal-talk-',
  round: 'appraisal-round-',
  ballot: 'appraisal-ballot-',
} as const;

export type AggregateKind = keyof typeof STREAM_PREFIXES;

/** A bureau's scheme for a year, one stream per version. */
export const schemeId = (bureauId: string, year: number, version: number) => `${bureauId}.${year}.v${version}`;
/** A bureau's calendar of holidays and make-up working days for a year. */
export const calendarId = (bureauId: string, year: number) => `${bureauId}.${year}`;
/** A party group's monthly check (month = YYYY-MM). */
export const checkId = (bureauId: string, groupId: string, month: string) => `${bureauId}.${groupId}.${month}`;
/** A branch's quarterly dispatch. */
export const dispatchId = (bureauId: string, branchId: string, year: number, quarter: number) => `${bureauId}.${branchId}.${year}.Q${quarter}`;
/** A reminder talk (its id follows from the dispatch event and the member). */
export const talkAggregateId = (bureauId: string, talkId: string) => `${bureauId}.${talkId}`;
/** The official half-year round. */
export const roundId = (bureauId: string, year: number, half: string) => `${bureauId}.${year}.${half}`;
/** A one-time ballot code, by the SHA-256 of the code (the code itself is never stored). */
export const ballotId = (bureauId: string, codeHash: string) => `${bureauId}.${codeHash}`;

export const streamOf = (kind: AggregateKind, aggregateId: string) => `${STREAM_PREFIXES[kind]}${aggregateId}`;

/** The aggregate a stream of this context belongs to, or undefined for another stream. */
export function aggregateOf(stream: string): { kind: AggregateKind; aggregateId: string; bureauId: string } | undefined {
  for (const [kind, prefix] of Object.entries(STREAM_PREFIXES) as Array<[AggregateKind, string]>) {
    if (stream.startsWith(prefix)) {
      const aggregateId = stream.slice(prefix.length);
      return { kind, aggregateId, bureauId: aggregateId.split('.')[0]! };
    }
  }
  return undefined;
}

/**
 * The streams the relay publishes from and the projections read. Facts are another service's
 * events (never published again); ballots are never published (only counts are).
 */
export const RELAYED_STREAM_PREFIXES = [STREAM_PREFIXES.scheme, STREAM_PREFIXES.check, STREAM_PREFIXES.dispatch, STREAM_PREFIXES.round];
export const OWN_STREAM_PREFIXES = Object.values(STREAM_PREFIXES);
