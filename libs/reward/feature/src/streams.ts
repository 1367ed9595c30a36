/**
 * The reward service's streams. Bureau ids are lower-case letters, digits and `-`, so `.` ends
 * a bureau in a stream name and a prefix such as `reward-grant-weihai.` holds one bureau only.
 */
export const factsStream = (bureauId: string) => `reward-facts-${bureauId}`;
export const policyStream = (bureauId: string, year: number) => `reward-policy-${bureauId}.${year}`;
export const selectionStream = (selectionId: string) => `reward-selection-${selectionId}`;
export const grantStream = (bureauId: string, grantId: string) => `reward-grant-${bureauId}.${grantId}`;
export const grantStreamPrefix = (bureauId: string) => `reward-grant-${bureauId}.`;
export const researchSchemeStream = (bureauId: string, year: number) => `reward-research-scheme-${bureauId}.${year}`;
export const researchWorkStream = (workId: string) => `reward-research-work-${workId}`;
export const openingStream = (bureauId: string) => `reward-opening-${bureauId}`;

export const PREFIX = {
  facts: 'reward-facts-',
  policy: 'reward-policy-',
  selection: 'reward-selection-',
  grant: 'reward-grant-',
  researchScheme: 'reward-research-scheme-',
  researchWork: 'reward-research-work-',
  opening: 'reward-opening-',
} as const;

/** What goes out on pledgebook.reward.v1 comes from these. */
export const RELAYED_PREFIXES = [PREFIX.selection, PREFIX.grant, PREFIX.researchWork];

/** The consumer group that records the pledge and appraisal topics' events in the facts streams. */
export const FACTS_CONSUMER = 'reward-service.facts';
