import { createLocalJWKSet, jwtVerify } from 'jose';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword, verifyPassword } from './password-hash';
import { loadOrCreateSigningKey, PRIVATE_KEY_FILE, readJwks, signAccessToken } from './signing-key';

const dir = mkdtempSync(join(tmpdir(), 'pledgebook-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('signing key', () => {
  it('is created once, kept private, and verifies through the published JWKS', async () => {
    const first = await loadOrCreateSigningKey(dir);
    const again = await loadOrCreateSigningKey(dir);
    expect(again.kid).toBe(first.kid);
    expect(statSync(join(dir, PRIVATE_KEY_FILE)).mode & 0o077).toBe(0);
    expect(JSON.stringify(readJwks(dir))).not.toContain('"d"');
    const token = await signAccessToken(first, { sub: 'wang', bureauId: 'weihai', roles: ['member'] }, { ttl: '5m', issuer: 'pledgebook', audience: 'pledgebook' });
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(readJwks(dir)), { issuer: 'pledgebook', audience: 'pledgebook' });
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: first.kid });
    expect(payload).toMatchObject({ sub: 'wang', bureauId: 'weihai', roles: ['member'] });
    expect(JSON.parse(readFileSync(join(dir, PRIVATE_KEY_FILE), 'utf8')).d).toBeDefined();
  });
});

describe('password hashing', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const stored = await hashPassword('Tongji-2026!');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword('Tongji-2026!', stored)).toBe(true);
    expect(await verifyPassword('Tongji-2026?', stored)).toBe(false);
    expect(await hashPassword('Tongji-2026!')).not.toBe(stored);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });
});
