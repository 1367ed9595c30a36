import { createHmac, randomBytes } from 'node:crypto';
import type { SigningSecret } from '../model/subscription';

const SECRET_PREFIX = 'whsec_';

/** A new signing secret as Standard Webhooks serialises it: `whsec_` and 32 random bytes in base64. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The secrets that sign now: the newest, and any rotated out whose overlap has not ended. */
export function signingSecrets(secrets: readonly SigningSecret[], nowMs: number): SigningSecret[] {
  return secrets.filter((s) => !s.expiresAt || Date.parse(s.expiresAt) > nowMs);
}

/**
 * Signs as the Standard Webhooks specification says — base64 of HMAC-SHA256 over
 * `id.timestamp.body`, keyed with the secret's bytes after `whsec_` — with Node's native HMAC:
 * the official library's pure-JavaScript SHA-256 cost several times more per delivery. The
 * specs verify every signature with that library. Each key is decoded once.
 */
export class WebhookSigner {
  private readonly keys = new Map<string, Buffer>();

  /**
   * The Standard Webhooks headers for one delivery: `webhook-id` (the CloudEvent id, the same on
   * every retry), `webhook-timestamp` (this attempt, Unix seconds) and `webhook-signature`, one
   * `v1,<base64>` per signing secret, space-separated (both during a rotation's overlap).
   */
  headers(secrets: readonly SigningSecret[], eventId: string, body: string | Uint8Array, at: Date): Record<string, string> {
    const timestamp = String(Math.floor(at.getTime() / 1000));
    const signatures = secrets.map((s) => `v1,${createHmac('sha256', this.key(s.secret)).update(`${eventId}.${timestamp}.`).update(body).digest('base64')}`);
    return {
      'webhook-id': eventId,
      'webhook-timestamp': timestamp,
      'webhook-signature': signatures.join(' '),
    };
  }

  private key(secret: string): Buffer {
    let key = this.keys.get(secret);
    if (!key) {
      key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
      this.keys.set(secret, key);
    }
    return key;
  }
}
