import { parseSecretKeys, type SecretKey } from '@pledgebook/gateway-subscriptions';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SubscriptionSettings } from '../config';

/**
 * The keys that seal webhook secrets (ADR 0082): those SUBSCRIPTIONS_SECRET_KEYS names, or the
 * data directory's key file, made (owner-readable only) on the first start without the setting.
 * The file format is the setting's: `keyId:base64,…`, the first sealing.
 */
export function loadSecretKeys(setting: SubscriptionSettings['secretKeys']): SecretKey[] {
  if ('keys' in setting) return setting.keys;
  if (!existsSync(setting.file)) {
    mkdirSync(dirname(setting.file), { recursive: true });
    const keyId = `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`;
    writeFileSync(setting.file, `${keyId}:${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  }
  const keys = parseSecretKeys(readFileSync(setting.file, 'utf8'));
  if (!keys) throw new Error(`${setting.file}: not keyId:base64 of 32 bytes, comma-separated`);
  return keys;
}
