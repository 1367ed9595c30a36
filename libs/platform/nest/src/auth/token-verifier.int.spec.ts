// The verifier with the gateway's JWKS file (embedded profile) and with an issuer's JWKS URL
// (OIDC mode, served over real HTTP): tokens without exp or living too long are refused in both.
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenRejected, TokenVerifier, type AuthConfig } from './token-verifier';

const MAX = 3600;
const dir = mkdtempSync(join(tmpdir(), 'pledgebook-verifier-'));
let key: KeyLike;
let server: Server;
const modes: Record<string, Pick<AuthConfig, 'jwksFile' | 'jwksUrl'>> = {};

beforeAll(async () => {
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  key = pair.privateKey;
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'EdDSA', use: 'sig' }] });
  writeFileSync(join(dir, 'jwks.json'), jwks);
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  modes['embedded (JWKS file)'] = { jwksFile: join(dir, 'jwks.json') };
  modes['OIDC (JWKS URL)'] = { jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/certs` };
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const now = () => Math.floor(Date.now() / 1000);
function token(times: { iat?: number; exp?: number }): Promise<string> {
  let jwt = new SignJWT({ bureauId: 'weihai', roles: ['member'] }).setProtectedHeader({ alg: 'EdDSA', kid: 'k1' }).setSubject('wang').setIssuer('pledgebook').setAudience('pledgebook');
  if (times.iat !== undefined) jwt = jwt.setIssuedAt(times.iat);
  if (times.exp !== undefined) jwt = jwt.setExpirationTime(times.exp);
  return jwt.sign(key);
}

describe.each(['embedded (JWKS file)', 'OIDC (JWKS URL)'])('token verification, %s', (mode) => {
  const verifier = () => new TokenVerifier({ ...modes[mode], issuer: 'pledgebook', audience: 'pledgebook', maxTokenLifetimeSeconds: MAX });

  it('accepts a token within the maximum lifetime', async () => {
    await expect(verifier().verify(await token({ iat: now(), exp: now() + 900 }))).resolves.toMatchObject({ subject: 'wang', bureauId: 'weihai' });
  });

  it('refuses a token without exp', async () => {
    await expect(verifier().verify(await token({ iat: now() }))).rejects.toThrow(new TokenRejected('the token has no expiry ("exp" claim); only expiring tokens are accepted'));
  });

  it('refuses a token whose exp − iat exceeds the maximum', async () => {
    await expect(verifier().verify(await token({ iat: now(), exp: now() + MAX + 60 }))).rejects.toThrow(/lives 3660 s/);
  });

  it('refuses a token without iat that expires too far ahead', async () => {
    await expect(verifier().verify(await token({ exp: now() + 30 * 86400 }))).rejects.toThrow(/from now, later than the 3600 s allowed/);
  });

  it('applies a day when no maximum is configured', async () => {
    const unconfigured = new TokenVerifier({ ...modes[mode], issuer: 'pledgebook', audience: 'pledgebook' });
    await expect(unconfigured.verify(await token({ iat: now(), exp: now() + 8 * 3600 }))).resolves.toMatchObject({ subject: 'wang' });
    await expect(unconfigured.verify(await token({ iat: now(), exp: now() + 2 * 86400 }))).rejects.toThrow(/longer than the 86400 s allowed/);
  });
});
