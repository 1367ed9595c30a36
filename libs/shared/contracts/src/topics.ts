/** Topics of the integration bus; key = aggregate id, so one aggregate's events keep their order. */
export const Topics = {
  pledge: 'pledgebook.pledge.v1',
  review: 'pledgebook.review.v1',
  /** The topic outside government systems subscribe to. */
  appraisal: 'pledgebook.appraisal.v1',
  reward: 'pledgebook.reward.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

/** Where a topic's poison messages are parked. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

export const ALL_TOPICS: readonly Topic[] = Object.values(Topics);
