// Lays out a runnable Pledgebook: the compiled workspace, the production dependencies exactly as
// `npm ci` installed them here (native modules such as better-sqlite3 already built), the
// workspace links, and a package.json. Used by the image (docker/Dockerfile) and by the offline
// bundle (tools/package/package.ts):  node -r @swc-node/register tools/package/assemble.ts <outDir>
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { compileWorkspace, workspaces } from './compile';

interface LockEntry {
  dev?: boolean;
  link?: boolean;
  version?: string;
}

/**
 * The installed packages a production install has: every lock entry under a node_modules
 * directory that is not marked dev-only, present on disk (an optional dependency for another
 * platform is not), and not inside a package already taken whole.
 */
export function productionPackages(root: string): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const paths = Object.entries(lock.packages)
    .filter(([path, entry]) => path.includes('node_modules/') && !entry.dev && !entry.link && existsSync(join(root, path)))
    .map(([path]) => path)
    .sort();
  const taken: string[] = [];
  for (const path of paths) if (!taken.some((parent) => path.startsWith(`${parent}/`))) taken.push(path);
  return taken;
}

export function assemble(root: string, outDir: string): { compiled: number; packages: number } {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const { compiled } = compileWorkspace(root, outDir);
  const packages = productionPackages(root);
  for (const path of packages) cpSync(join(root, path), join(outDir, path), { recursive: true, verbatimSymlinks: true });
  // node_modules/@pledgebook/<name> → the compiled workspace, as npm links it.
  for (const workspace of workspaces(root)) {
    const link = join(outDir, 'node_modules', workspace.name);
    mkdirSync(dirname(link), { recursive: true });
    rmSync(link, { force: true, recursive: true });
    symlinkSync(relative(dirname(link), join(outDir, workspace.dir)), link);
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; license?: string; engines?: unknown; dependencies?: unknown };
  const manifest = { name: pkg.name, version: pkg.version, private: true, license: pkg.license, engines: pkg.engines, scripts: { start: 'node tools/start.js' }, dependencies: pkg.dependencies };
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // The image's entry point and health check travel with the tree.
  for (const file of ['docker/entrypoint.sh', 'docker/healthcheck.js']) if (existsSync(join(root, file))) cpSync(join(root, file), join(outDir, file));
  return { compiled, packages: packages.length };
}

if (require.main === module) {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error('usage: assemble.ts <outDir>');
    process.exit(64);
  }
  const root = resolve(__dirname, '..', '..');
  const result = assemble(root, resolve(outDir));
  console.log(`${result.compiled} files compiled, ${result.packages} production packages copied to ${outDir}`);
}
