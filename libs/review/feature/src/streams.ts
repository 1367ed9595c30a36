/** A pledge's review: every round, comment and decision. Pledge ids are UUIDs, so the prefixes below never clash. */
export const reviewStream = (pledgeId: string) => `review-${pledgeId}`;
/** A branch's publication acts for a year. */
export const publicationStream = (bureauId: string, branchId: string, year: number) => `review-publications-${bureauId}.${branchId}.${year}`;
/** The leading party group's publication acts for a year: the books outside any branch (bureau ids hold no dot). */
export const leadershipPublicationStream = (bureauId: string, year: number) => `review-leadership-publications-${bureauId}.${year}`;
/** A bureau's review settings (deadlines). */
export const settingsStream = (bureauId: string) => `review-settings-${bureauId}`;
/**
 * What this service learned about a bureau from the pledge service's integration events (its
 * directory, books drafted): recorded in its own stream, so every view built from it rebuilds
 * from the event store like the others (ADR 0019).
 */
export const factsStream = (bureauId: string) => `review-facts-${bureauId}`;

export const REVIEW_STREAM_PREFIXES = ['review-'];
export const FACTS_STREAM_PREFIX = 'review-facts-';
export const isPublicationStream = (stream: string) => stream.startsWith('review-publications-') || stream.startsWith('review-leadership-publications-');
export const isSettingsStream = (stream: string) => stream.startsWith('review-settings-');
export const isFactsStream = (stream: string) => stream.startsWith(FACTS_STREAM_PREFIX);
export const pledgeIdOf = (stream: string) => stream.slice('review-'.length);
