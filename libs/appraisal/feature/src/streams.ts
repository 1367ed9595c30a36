/**
 * What the appraisal service learned from the pledge service (directory, published books, their
 * fulfilment records, the appraisal office's staff, closed years), recorded in its own streams.
 */
export const factsStream = (bureauId: string) => `appraisal-facts-${bureauId}`;
export const FACTS_STREAM_PREFIX = 'appraisal-facts-';
export const FACTS_CONSUMER = 'appraisal-service.pledges';
