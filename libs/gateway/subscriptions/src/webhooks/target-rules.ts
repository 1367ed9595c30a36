import { invalid } from '@pledgebook/util';
import type { AllowList } from './allow-list';

export interface TargetPolicy {
  allowList: AllowList;
  /** The distributed profile: webhooks leave the cluster, so only over TLS. */
  requireHttps: boolean;
}

/** A webhook target the policy accepts, or a 422 naming what is wrong with it. */
export function checkTarget(url: string, policy: TargetPolicy): { url: string } {
  const field = 'target/url';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid('target_invalid', 'the target is not an absolute URL', { field });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw invalid('target_invalid', 'the target must be an http(s) URL', { field });
  if (parsed.username || parsed.password) throw invalid('target_invalid', 'the target must not carry credentials', { field });
  if (parsed.hash) throw invalid('target_invalid', 'the target must not have a fragment', { field });
  if (policy.requireHttps && parsed.protocol !== 'https:') throw invalid('target_not_https', 'webhooks are sent over HTTPS only in this deployment', { field });
  if (!policy.allowList.hostAllowed(parsed.hostname)) {
    throw invalid('target_not_allowed', `${parsed.hostname} is not on the webhook allow-list the system admin keeps`, { field, host: parsed.hostname });
  }
  return { url: parsed.toString() };
}

/** The most events one batched webhook may carry. */
export const MAX_BATCH_EVENTS = 1000;

/** A batch size the sender accepts (2 to MAX_BATCH_EVENTS), or a 422 naming the field. */
export function checkBatch(maxEvents: number): number {
  if (!Number.isInteger(maxEvents) || maxEvents < 2 || maxEvents > MAX_BATCH_EVENTS) {
    throw invalid('batch_invalid', `a batch carries 2 to ${MAX_BATCH_EVENTS} events; without batch, each event goes alone`, { field: 'target/batch/maxEvents' });
  }
  return maxEvents;
}
