import type { CloudEvent } from '@pledgebook/contracts';

/** Which bureaus' events a subscription receives: one bureau, or a bureau and every bureau under it. */
export interface BureauScope {
  bureauId: string;
  includeDescendants: boolean;
}

/**
 * Where a subscription's webhooks go. Without `batch`, one event per request, the CloudEvent in
 * structured mode; with it, up to `maxEvents` events per request in CloudEvents' batched mode
 * (a JSON array), for receivers that take many events at once (ADR 0090).
 */
export interface WebhookTarget {
  url: string;
  batch?: { maxEvents: number };
}

/** The subscriber account that owns a subscription (member ids mean something only with their bureau). */
export interface Owner {
  bureauId: string;
  subscriberId: string;
}

/** A signing secret (`whsec_…`); one that has been rotated out keeps signing until `expiresAt`. */
export interface SigningSecret {
  secretId: string;
  secret: string;
  createdAt: string;
  expiresAt?: string;
}

export type SubscriptionStatus = 'active' | 'paused';

/** The subscription: configuration, status, and the requests the delivery worker carries out. */
export type SubscriptionDocument = SubscriptionRecord<SigningSecret>;

/** A subscription with its secrets in the form `S`: opened for use, or sealed as the store holds them (ADR 0082). */
export interface SubscriptionRecord<S> {
  _id: string;
  subscriptionId: string;
  owner: Owner;
  topic: string;
  /** Event types wanted; absent means every type on the topic. */
  types?: string[];
  bureauScope: BureauScope;
  /** A webhook target; a subscription without one is read as a feed only. */
  target?: WebhookTarget;
  secrets: S[];
  status: SubscriptionStatus;
  /** Raised by every change, so the worker never acts on an older copy than one it wrote. */
  version: number;
  pausedReason?: string;
  pausedAt?: string;
  createdAt: string;
  createdBy: { subject: string; bureauId: string };
  /** Set by a replay: where delivery continues (per-partition offsets), applied by the worker once. */
  replay?: { requestId: string; positions: number[]; requestedAt: string };
  /** Set by a redelivery: the worker sends the parked deliveries marked for it, before anything newer. */
  redeliver?: { requestId: string; requestedAt: string };
  [key: string]: unknown;
}

/** The retry state of the delivery at the head of a subscription (kept, so a restart keeps the schedule). */
export interface RetryState {
  eventId: string;
  attempts: number;
  /** Epoch ms (scheduler clock) of the first failed attempt: the retry horizon counts from here. */
  firstFailureAt: number;
  nextAttemptAt: number;
}

/** Where a subscription's delivery stands; written by the delivery worker only. */
export interface CursorDocument {
  _id: string;
  /** The next offset to deliver, per partition of the topic. */
  positions: number[];
  appliedReplay?: string;
  retry?: RetryState;
  updatedAt: string;
  [key: string]: unknown;
}

export type AttemptOutcome = 'delivered' | 'failed' | 'parked';

/** One HTTP attempt at delivering one event. */
export interface AttemptDocument {
  _id: string;
  attemptId: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  /** The feed position just before this event: replaying from it delivers this event again. */
  position: string;
  attempt: number;
  attemptedAt: string;
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  latencyMs: number;
  error?: string;
  outcome: AttemptOutcome;
  redelivery: boolean;
  /** A batched delivery: how many events it carried, `eventId` being the first and this the last. */
  eventCount?: number;
  lastEventId?: string;
  [key: string]: unknown;
}

/** A delivery given up after the retry horizon (or refused with 410 Gone): kept, with its event, until redelivered. */
export interface ParkedDocument {
  _id: string;
  parkedId: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  event: CloudEvent;
  position: string;
  parkedAt: string;
  /** Its place among the events parked together (a batch): they are redelivered in this order. */
  seq?: number;
  attempts: number;
  lastError: string;
  redeliver: boolean;
  [key: string]: unknown;
}

export const COLLECTIONS = {
  subscriptions: 'subscriptions',
  cursors: 'subscription_cursors',
  attempts: 'subscription_attempts',
  parked: 'subscription_parked',
} as const;

/** What an API answer shows of a subscription: never a secret, only when each was made and until when it signs. */
export function subscriptionView(doc: SubscriptionDocument) {
  return {
    subscriptionId: doc.subscriptionId,
    owner: doc.owner,
    topic: doc.topic,
    ...(doc.types ? { types: doc.types } : {}),
    bureauScope: doc.bureauScope,
    ...(doc.target ? { target: doc.target } : {}),
    status: doc.status,
    ...(doc.pausedReason ? { pausedReason: doc.pausedReason, pausedAt: doc.pausedAt } : {}),
    secrets: doc.secrets.map((s) => ({ secretId: s.secretId, createdAt: s.createdAt, ...(s.expiresAt ? { expiresAt: s.expiresAt } : {}) })),
    createdAt: doc.createdAt,
  };
}
