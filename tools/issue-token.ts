// `npm run token -- --sub <memberId> --bureau <bureauId> --roles role1,role2 [--ttl 8h]`
// Prints a bearer token for the embedded profile, signed with the data directory's key (created
// on first use; the services trust its published jwks.json).
import { loadOrCreateSigningKey, signAccessToken } from '@pledgebook/gateway-keys';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sub: { type: 'string' }, bureau: { type: 'string' }, roles: { type: 'string', default: 'member' }, ttl: { type: 'string', default: '8h' } },
  });
  if (!values.sub || !values.bureau) {
    console.error('usage: npm run token -- --sub <memberId> --bureau <bureauId> --roles role1,role2 [--ttl 8h]');
    process.exit(2);
  }
  const signing = await loadOrCreateSigningKey(resolve(process.env.PLEDGEBOOK_DATA_DIR ?? './data'));
  const token = await signAccessToken(
    signing,
    { sub: values.sub, bureauId: values.bureau, roles: values.roles!.split(',').filter(Boolean) },
    { ttl: values.ttl!, issuer: process.env.AUTH_ISSUER ?? 'pledgebook', audience: process.env.AUTH_AUDIENCE ?? 'pledgebook' },
  );
  process.stdout.write(`${token}\n`);
}

void main();
