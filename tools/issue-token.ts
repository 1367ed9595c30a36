// `npm run token -- --sub <memberId> --bureau <bureauId> --roles role1,role2 [--ttl 8h]`
// Prints a bearer token for the embedded profile. On first use it creates the signing key in
// PLEDGEBOOK_DATA_DIR (private key file readable only by its owner) and publishes its public half
// as jwks.json, which the services trust. The gateway's login issues tokens with the same key.
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

async function signingKey(dataDir: string) {
  const privateFile = join(dataDir, 'signing-key.jwk.json');
  if (!existsSync(privateFile)) {
    mkdirSync(dataDir, { recursive: true });
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const kid = `pledgebook-${new Date().toISOString().slice(0, 10)}`;
    writeFileSync(privateFile, JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: 'EdDSA' }), { mode: 0o600 });
    chmodSync(privateFile, 0o600);
    writeFileSync(join(dataDir, 'jwks.json'), JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' }] }));
  }
  const jwk = JSON.parse(readFileSync(privateFile, 'utf8')) as JWK & { kid: string };
  return { key: await importJWK(jwk, 'EdDSA'), kid: jwk.kid };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sub: { type: 'string' }, bureau: { type: 'string' }, roles: { type: 'string', default: 'member' }, ttl: { type: 'string', default: '8h' } },
  });
  if (!values.sub || !values.bureau) {
    console.error('usage: npm run token -- --sub <memberId> --bureau <bureauId> --roles role1,role2 [--ttl 8h]');
    process.exit(2);
  }
  const dataDir = resolve(process.env.PLEDGEBOOK_DATA_DIR ?? './data');
  const { key, kid } = await signingKey(dataDir);
  const token = await new SignJWT({ bureauId: values.bureau, roles: values.roles!.split(',').filter(Boolean), orgUnitIds: [] })
    .setProtectedHeader({ alg: 'EdDSA', kid })
    .setSubject(values.sub)
    .setIssuer(process.env.AUTH_ISSUER ?? 'pledgebook')
    .setAudience(process.env.AUTH_AUDIENCE ?? 'pledgebook')
    .setIssuedAt()
    .setExpirationTime(values.ttl!)
    .sign(key);
  process.stdout.write(`${token}\n`);
}

void main();
