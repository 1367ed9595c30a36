// pledgebook-verify bundle.zip [--key jwks.json] [--checkpoint checkpoint.json] [--json]
// Offline: reads only the files it is given. Exit 0 when everything checks, 1 when something does not, 2 on a usage error.
import type { Jwks, SignedCheckpoint } from '@pledgebook/audit-domain';
import { readFileSync } from 'node:fs';
import { verifyBundle } from './verify-bundle';

const USAGE = 'usage: pledgebook-verify <bundle.zip> [--key <jwks.json or jwk.json>] [--checkpoint <checkpoint.json>] [--json]';

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${what} ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  let bundle: string | undefined;
  let keyFile: string | undefined;
  let checkpointFile: string | undefined;
  let json = false;
  while (args.length > 0) {
    const arg = args.shift()!;
    if (arg === '--key') keyFile = args.shift();
    else if (arg === '--checkpoint') checkpointFile = args.shift();
    else if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') return console.log(USAGE), 0;
    else if (!bundle && !arg.startsWith('--')) bundle = arg;
    else throw new Error(`unexpected argument ${arg}\n${USAGE}`);
  }
  if (!bundle || (keyFile === undefined && argv.includes('--key')) || (checkpointFile === undefined && argv.includes('--checkpoint'))) throw new Error(USAGE);
  const key = keyFile ? (readJson(keyFile, 'the key file') as Jwks | Jwks['keys'][number]) : undefined;
  const trustedKeys = key ? ('keys' in key ? key : { keys: [key] }) : undefined;
  const heldCheckpoint = checkpointFile ? (readJson(checkpointFile, 'the checkpoint file') as SignedCheckpoint) : undefined;
  const report = await verifyBundle(readFileSync(bundle), { ...(trustedKeys ? { trustedKeys } : {}), ...(heldCheckpoint ? { heldCheckpoint } : {}) });
  if (json) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    console.log(report.ok ? `VERIFIED ${bundle}` : `FAILED ${bundle}`);
    for (const p of report.problems) console.log(`  ✗ ${p}`);
    if (report.proves.length > 0) console.log('What this proves:');
    for (const p of report.proves) console.log(`  ✓ ${p}`);
    console.log('What this does not prove:');
    for (const p of report.doesNotProve) console.log(`  - ${p}`);
  }
  return report.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);
