// Compiles the workspace to JavaScript in a tree laid out like the repository (apps/*/src/*.js,
// libs/**/src/*.js, tools/start.js), each workspace package.json pointing at .js entries, so
// `node apps/<service>/src/main.js` and `node tools/start.js` run without a TypeScript loader.
// SWC transpiles file by file with the settings the tests use (decorator metadata for Nest);
// type-checking is `npm test`'s job, not the build's.
import { transformFileSync, type Options } from '@swc/core';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const SWC: Options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: false,
  swcrc: false,
  configFile: false,
};

/** What runs in production: no specs, no test helpers, no browser sources. */
const shipped = (path: string) => !/\.spec\.ts$/.test(path) && !path.split('/').includes('testing');

interface Workspace {
  /** e.g. libs/platform/nest */
  dir: string;
  name: string;
}

/** The workspace packages, from the lock file's links (the same list npm ci links). */
export function workspaces(root: string): Workspace[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { link?: boolean; resolved?: string }> };
  return Object.entries(lock.packages)
    .filter(([, entry]) => entry.link && entry.resolved)
    .map(([path, entry]) => ({ dir: entry.resolved!, name: path.replace(/^node_modules\//, '') }))
    .filter((w) => existsSync(join(root, w.dir, 'package.json')));
}

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : files(path);
    return [path];
  });
}

const toJs = (path: string) => path.replace(/\.ts$/, '.js');

/** A package.json whose entry points name the compiled files; no TypeScript types, no Nx settings. */
function compiledPackage(pkg: Record<string, unknown>): Record<string, unknown> {
  const { types: _types, nx: _nx, scripts: _scripts, devDependencies: _dev, ...rest } = pkg;
  const exports = pkg.exports;
  return {
    ...rest,
    ...(typeof pkg.main === 'string' ? { main: toJs(pkg.main) } : {}),
    ...(typeof exports === 'string' ? { exports: toJs(exports) } : {}),
    ...(exports && typeof exports === 'object' ? { exports: Object.fromEntries(Object.entries(exports as Record<string, string>).map(([k, v]) => [k, toJs(v)])) } : {}),
  };
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** The files of one workspace that the build compiles (.ts) or copies (anything else under src). */
function sourcesOf(root: string, workspace: Workspace): string[] {
  const base = join(root, workspace.dir);
  // The tools workspace ships only the process supervisor and the demo it loads.
  if (workspace.dir === 'tools') return [join(base, 'start.ts'), ...files(join(base, 'demo'))].filter((f) => shipped(relative(root, f)));
  return files(join(base, 'src')).filter((f) => shipped(relative(root, f)));
}

/**
 * Compiles every workspace package into `outDir`. A browser app (apps/console) contributes its
 * built `dist` when there is one; its sources are not server code.
 */
export function compileWorkspace(root: string, outDir: string): { compiled: number; copied: number } {
  let compiled = 0;
  let copied = 0;
  for (const workspace of workspaces(root)) {
    const pkg = JSON.parse(readFileSync(join(root, workspace.dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    write(join(outDir, workspace.dir, 'package.json'), `${JSON.stringify(compiledPackage(pkg), null, 2)}\n`);
    if (existsSync(join(root, workspace.dir, 'vite.config.mts'))) {
      for (const file of files(join(root, workspace.dir, 'dist'))) {
        mkdirSync(dirname(join(outDir, relative(root, file))), { recursive: true });
        copyFileSync(file, join(outDir, relative(root, file)));
        copied += 1;
      }
      continue;
    }
    for (const file of sourcesOf(root, workspace)) {
      const target = join(outDir, relative(root, file));
      if (file.endsWith('.d.ts')) continue;
      if (file.endsWith('.ts')) {
        write(toJs(target), transformFileSync(file, SWC).code);
        compiled += 1;
      } else {
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(file, target);
        copied += 1;
      }
    }
  }
  return { compiled, copied };
}
