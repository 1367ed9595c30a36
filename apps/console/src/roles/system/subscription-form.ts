// The new-subscription form's values turned into the body POST /api/v1/subscriptions takes
// (docs/integration/webhooks.md): a feed without a target URL, a webhook with one, batched only
// when asked for (ADR 0090).
import type { BodyOf } from '../../api/client';

/** What a batch carries by default, and the bounds the gateway accepts. */
export const DEFAULT_BATCH_EVENTS = 100;
export const MIN_BATCH_EVENTS = 2;
export const MAX_BATCH_EVENTS = 1000;

export interface SubscriptionFormValues {
  owner: { bureauId: string; subscriberId: string };
  topic: string;
  types?: string[];
  bureauScope: { bureauId: string; includeDescendants: boolean };
  target?: { url?: string; batched?: boolean; batch?: { maxEvents?: number | null } };
}

export type CreateSubscriptionBody = BodyOf<'/api/v1/subscriptions', 'post'>;

/**
 * The request body: types only when some are given, a target only when a URL is, and its batch
 * only when batched delivery is switched on (the size as typed: the gateway's 400 names the field).
 */
export function toCreateBody(values: SubscriptionFormValues): CreateSubscriptionBody {
  const url = values.target?.url?.trim();
  const maxEvents = values.target?.batch?.maxEvents;
  const batch = values.target?.batched ? { batch: { maxEvents: typeof maxEvents === 'number' ? maxEvents : DEFAULT_BATCH_EVENTS } } : {};
  return {
    owner: values.owner,
    topic: values.topic,
    ...(values.types && values.types.length > 0 ? { types: values.types } : {}),
    bureauScope: values.bureauScope,
    ...(url ? { target: { url, ...batch } } : {}),
  };
}
