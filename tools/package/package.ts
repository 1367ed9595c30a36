// `npm run package`: one archive that installs and starts the embedded profile on a machine with
// Node.js and no registry (an air-gapped intranet): the compiled JavaScript, the production
// dependencies with their native modules built by this machine's `npm ci`, a start script, and
// a SHA-256 checksum file beside the archive.
//   npm run package [-- --out dist/package] [--skip-console]
// The archive is for this machine's platform and Node.js major version (better-sqlite3 is
// native code), which its name says: pledgebook-<version>-linux-x64-node20.tar.gz.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, createReadStream, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assemble } from './assemble';

const root = resolve(__dirname, '..', '..');
const NODE_MAJOR = process.versions.node.split('.')[0]!;

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

const START_SCRIPT = `#!/bin/sh
# Starts Pledgebook's embedded profile from this directory: the gateway and the four services as
# processes, data under PLEDGEBOOK_DATA_DIR (default ./data). Nothing is downloaded.
set -eu
cd "$(dirname "$0")"
have=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)
if [ "$have" != "${NODE_MAJOR}" ]; then
  echo "Pledgebook needs Node.js ${NODE_MAJOR} (found: $have): its native modules were built for Node.js ${NODE_MAJOR}" >&2
  exit 69
fi
exec node tools/start.js "$@"
`;

const INSTALL = (archive: string) => `Pledgebook ${archive}

Needs: Linux (${process.platform}-${process.arch}, glibc) and Node.js ${NODE_MAJOR}. No registry, no compiler.

  sha256sum -c ${archive}.sha256        # the archive is the one that was published
  tar -xzf ${archive}
  cd ${archive.replace(/\.tar\.gz$/, '').replace(/-[^-]+-[^-]+-node\d+$/, '')}
  PLEDGEBOOK_HOST=0.0.0.0 ./start.sh    # data under ./data; settings as in the README

Upgrade: stop it, unpack the new archive beside the old one, start the new one with
PLEDGEBOOK_DATA_DIR pointing at the same data directory. Back up the data directory first.
`;

function sha256(file: string): Promise<string> {
  return new Promise((done, fail) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => done(hash.digest('hex')))
      .on('error', fail);
  });
}

async function main(): Promise<void> {
  const outDir = resolve(option('--out') ?? join(root, 'dist', 'package'));
  const { version } = require(join(root, 'package.json')) as { version: string };
  if (!process.argv.includes('--skip-console') && existsSync(join(root, 'apps', 'console', 'vite.config.mts'))) {
    const built = spawnSync('npm', ['run', 'console:build'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('the web console did not build (npm run console:build)');
  }
  const name = `pledgebook-${version}`;
  const archive = `${name}-${process.platform}-${process.arch}-node${NODE_MAJOR}.tar.gz`;
  const staging = join(outDir, name);
  mkdirSync(outDir, { recursive: true });
  const { compiled, packages } = assemble(root, staging);
  writeFileSync(join(staging, 'start.sh'), START_SCRIPT);
  chmodSync(join(staging, 'start.sh'), 0o755);
  writeFileSync(join(staging, 'INSTALL.txt'), INSTALL(archive));
  const tar = spawnSync('tar', ['-czf', join(outDir, archive), '-C', outDir, name], { stdio: 'inherit' });
  if (tar.status !== 0) throw new Error('tar failed');
  rmSync(staging, { recursive: true, force: true });
  // The format sha256sum -c reads: "<hex>  <file name>".
  writeFileSync(join(outDir, `${archive}.sha256`), `${await sha256(join(outDir, archive))}  ${archive}\n`);
  console.log(`${join(outDir, archive)} (${compiled} files compiled, ${packages} production packages) and its .sha256`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
