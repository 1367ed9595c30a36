// What the gateway answers for the bureau tree and outside subscriptions (docs/api/gateway.md).

export interface BureauRow {
  bureauId: string;
  name: string;
  parentBureauId?: string;
  depth: number;
  children: number;
  parentKnown: boolean;
}

export interface BureauBranch {
  bureauId: string;
  name: string;
  parentBureauId?: string;
  children: BureauBranch[];
}

export interface BureauTree {
  items: BureauRow[];
  roots: BureauBranch[];
}

export interface Subscription {
  subscriptionId: string;
  owner: { bureauId: string; subscriberId: string };
  topic: string;
  types?: string[];
  bureauScope: { bureauId: string; includeDescendants: boolean };
  /** With batch, up to maxEvents events per request (ADR 0090). */
  target?: { url: string; batch?: { maxEvents: number } };
  status: 'active' | 'paused';
  pausedReason?: string;
  pausedAt?: string;
  secrets: { secretId: string; createdAt: string; expiresAt?: string }[];
  createdAt: string;
  /** Only in the answer that created it (or rotated it): shown once. */
  secret?: string;
}

export interface Attempt {
  attemptId: string;
  eventId: string;
  eventType: string;
  position: string;
  attempt: number;
  attemptedAt: string;
  status?: number;
  latencyMs: number;
  error?: string;
  outcome: 'delivered' | 'failed' | 'parked';
  redelivery: boolean;
  /** A batched request: how many events it carried, eventId the first and lastEventId the last. */
  eventCount?: number;
  lastEventId?: string;
}

export interface Parked {
  parkedId: string;
  eventId: string;
  eventType: string;
  position: string;
  parkedAt: string;
  attempts: number;
  lastError: string;
  redeliver: boolean;
}

/** The topics outside systems may subscribe to (the AsyncAPI document's channels). */
export const TOPICS = ['pledgebook.pledge.v1', 'pledgebook.review.v1', 'pledgebook.appraisal.v1', 'pledgebook.reward.v1'] as const;
