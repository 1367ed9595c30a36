import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** An encryption key for signing secrets at rest: 32 bytes, named so rows say which key sealed them. */
export interface SecretKey {
  keyId: string;
  key: Buffer;
}

/** A signing secret as stored: AES-256-GCM ciphertext, beside the id of the key that sealed it. */
export interface SealedSecret {
  alg: 'A256GCM';
  keyId: string;
  iv: string;
  data: string;
  tag: string;
}

/** A row sealed with a key the gateway is no longer given: keep old keys configured until rows are re-sealed. */
export class SecretKeyUnknown extends Error {
  readonly code = 'secret_key_unknown';
  constructor(readonly keyId: string) {
    super(`a webhook secret is sealed with key ${keyId}, which the gateway's secret keys do not name`);
    this.name = 'SecretKeyUnknown';
  }
}

export const SECRET_KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Seals webhook signing secrets for the document store (ADR 0082): AES-256-GCM under the first
 * key given, with a fresh 96-bit IV each time and the row's place (subscription and secret id) as
 * additional data, so a sealed secret copied into another row does not open. Older keys only
 * open; a row sealed with one of them is re-sealed under the current key when it is next read.
 */
export class SecretBox {
  private readonly keys: ReadonlyMap<string, Buffer>;
  readonly currentKeyId: string;

  constructor(keys: readonly SecretKey[]) {
    if (keys.length === 0) throw new Error('SecretBox: at least one key');
    for (const k of keys) {
      if (k.key.length !== 32) throw new Error(`SecretBox: key ${k.keyId} must be 32 bytes (AES-256), not ${k.key.length}`);
      if (!SECRET_KEY_ID.test(k.keyId)) throw new Error(`SecretBox: key id ${JSON.stringify(k.keyId)} must be letters, digits, . _ or -`);
    }
    this.keys = new Map(keys.map((k) => [k.keyId, k.key]));
    if (this.keys.size !== keys.length) throw new Error('SecretBox: key ids must differ');
    this.currentKeyId = keys[0]!.keyId;
  }

  seal(secret: string, place: string): SealedSecret {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(Buffer.from(place, 'utf8'));
    const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return { alg: 'A256GCM', keyId: this.currentKeyId, iv: iv.toString('base64'), data: data.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
  }

  /** The secret; throws when the key is unknown or the ciphertext, its tag or its place do not match. */
  open(sealed: SealedSecret, place: string): string {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new SecretKeyUnknown(sealed.keyId);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(place, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  }

  /** Whether a stored secret should be written again: plain text, or sealed under a key that is not the current one. */
  stale(stored: { sealed?: SealedSecret }): boolean {
    return stored.sealed?.keyId !== this.currentKeyId;
  }
}

/** `keyId:base64,keyId:base64` (the first seals) → keys; undefined when an entry is malformed. */
export function parseSecretKeys(setting: string): SecretKey[] | undefined {
  const entries = setting
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  const keys: SecretKey[] = [];
  for (const entry of entries) {
    const at = entry.indexOf(':');
    if (at <= 0) return undefined;
    const keyId = entry.slice(0, at);
    const key = Buffer.from(entry.slice(at + 1), 'base64');
    if (!SECRET_KEY_ID.test(keyId) || key.length !== 32 || keys.some((k) => k.keyId === keyId)) return undefined;
    keys.push({ keyId, key });
  }
  return keys.length > 0 ? keys : undefined;
}
