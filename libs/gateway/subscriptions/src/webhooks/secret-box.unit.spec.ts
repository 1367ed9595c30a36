import { randomBytes } from 'node:crypto';
import { parseSecretKeys, SecretBox, SecretKeyUnknown } from './secret-box';

const k1 = { keyId: 'k1', key: randomBytes(32) };
const k2 = { keyId: 'k2', key: randomBytes(32) };
const secret = `whsec_${randomBytes(32).toString('base64')}`;

describe('the secret box', () => {
  it('seals with AES-256-GCM under the first key, a fresh IV each time, and opens in the same place only', () => {
    const box = new SecretBox([k1]);
    const a = box.seal(secret, 'subscription/s1/secret/a');
    const b = box.seal(secret, 'subscription/s1/secret/a');
    expect(a).toMatchObject({ alg: 'A256GCM', keyId: 'k1' });
    expect(a.iv).not.toBe(b.iv);
    expect(a.data).not.toBe(b.data);
    expect(JSON.stringify(a)).not.toContain(secret.slice(6));
    expect(box.open(a, 'subscription/s1/secret/a')).toBe(secret);
    expect(() => box.open(a, 'subscription/s2/secret/a')).toThrow();
    const flipped = Buffer.from(a.data, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open({ ...a, data: flipped.toString('base64') }, 'subscription/s1/secret/a')).toThrow();
  });

  it('opens with older keys, reports rows to re-seal, and names a key it was not given', () => {
    const old = new SecretBox([k1]).seal(secret, 'p');
    const rotated = new SecretBox([k2, k1]);
    expect(rotated.open(old, 'p')).toBe(secret);
    expect(rotated.stale({ sealed: old })).toBe(true);
    expect(rotated.stale({})).toBe(true);
    expect(rotated.stale({ sealed: rotated.seal(secret, 'p') })).toBe(false);
    expect(() => new SecretBox([k2]).open(old, 'p')).toThrow(SecretKeyUnknown);
  });

  it('refuses keys that are not 32 bytes, and reads the setting', () => {
    expect(() => new SecretBox([{ keyId: 'short', key: randomBytes(16) }])).toThrow(/32 bytes/);
    expect(() => new SecretBox([])).toThrow();
    expect(parseSecretKeys(`k2:${k2.key.toString('base64')}, k1:${k1.key.toString('base64')}`)?.map((k) => k.keyId)).toEqual(['k2', 'k1']);
    for (const bad of ['', 'k1', `:${k1.key.toString('base64')}`, `k1:${randomBytes(16).toString('base64')}`, `k1:${k1.key.toString('base64')},k1:${k2.key.toString('base64')}`, `k 1:${k1.key.toString('base64')}`]) {
      expect([bad, parseSecretKeys(bad)]).toEqual([bad, undefined]);
    }
  });
});
