import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { SigningSecret } from '../model/subscription';

/** A new signing secret as Standard Webhooks serialises it: `whsec_` and 32 random bytes in base64. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The secrets that sign now: the newest, and any rotated out whose overlap has not ended. */
export function signingSecrets(secrets: readonly SigningSecret[], nowMs: number): SigningSecret[] {
  return secrets.filter((s) => !s.expiresAt || Date.parse(s.expiresAt) > nowMs);
}

/** Signs with the official Standard Webhooks library; one signer per secret (the key is decoded once). */
export class WebhookSigner {
  private readonly signers = new Map<string, Webhook>();

  /**
   * The Standard Webhooks headers for one delivery: `webhook-id` (the CloudEvent id, the same on
   * every retry), `webhook-timestamp` (this attempt, Unix seconds) and `webhook-signature`, one
   * `v1,<base64>` per signing secret, space-separated (both during a rotation's overlap).
   */
  headers(secrets: readonly SigningSecret[], eventId: string, body: string, at: Date): Record<string, string> {
    const signatures = secrets.map((s) => this.signer(s.secret).sign(eventId, at, body));
    return {
      'webhook-id': eventId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signatures.join(' '),
    };
  }

  private signer(secret: string): Webhook {
    let signer = this.signers.get(secret);
    if (!signer) {
      signer = new Webhook(secret);
      this.signers.set(secret, signer);
    }
    return signer;
  }
}
