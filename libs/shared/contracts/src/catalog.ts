import type { EventContract } from './json-schema';
import { APPRAISAL_CONTRACTS } from './appraisal.contracts';
import { PLEDGE_CONTRACTS } from './pledge.contracts';
import { REVIEW_CONTRACTS } from './review.contracts';
import { REWARD_CONTRACTS } from './reward.contracts';

/**
 * Every integration event type Pledgebook publishes. Each context adds its contracts here as
 * it is built; the AsyncAPI document is generated from this list.
 */
export const EVENT_CATALOG: readonly EventContract[] = [...PLEDGE_CONTRACTS, ...REVIEW_CONTRACTS, ...APPRAISAL_CONTRACTS, ...REWARD_CONTRACTS];
