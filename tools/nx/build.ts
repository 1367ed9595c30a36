// `nx run <project>:build`: compiles a project to JavaScript under dist/<projectRoot>
// (`build.ts <projectRoot> [outDir]`).
// A library: its own files. An app: its files and, laid out as dist/<app>/node_modules/<name>,
// every workspace library it loads, so `node dist/apps/<app>/src/main.js` runs without a
// TypeScript loader (npm packages still come from the workspace's node_modules).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { compilerOptions, formatDiagnostics, projectFiles, workspaceRoot } from './project-files';

interface Package {
  name: string;
  main?: string;
  types?: string;
  exports?: Record<string, string> | string;
  [key: string]: unknown;
}

const projectRoot = relative(workspaceRoot, resolve(workspaceRoot, process.argv[2] ?? '.'));
const projectDir = join(workspaceRoot, projectRoot);
/** dist/<projectRoot> unless another directory is named (tests build into a scratch directory). */
const outDir = process.argv[3] ? resolve(process.argv[3]) : join(workspaceRoot, 'dist', projectRoot);
const isApp = projectRoot.split(sep)[0] === 'apps';

const toJs = (path: string) => path.replace(/\.ts$/, '.js');
/** The package.json a compiled copy ships with: its entry points name .js files. */
function compiledPackage(pkg: Package): Package {
  const exports = typeof pkg.exports === 'string' ? toJs(pkg.exports) : pkg.exports && Object.fromEntries(Object.entries(pkg.exports).map(([k, v]) => [k, toJs(v)]));
  const { types: _types, nx: _nx, ...rest } = pkg;
  return { ...rest, ...(pkg.main ? { main: toJs(pkg.main) } : {}), ...(exports ? { exports } : {}) };
}

/** The workspace package a source file belongs to (nearest package.json below the workspace root). */
const owners = new Map<string, { dir: string; pkg: Package } | undefined>();
function ownerOf(file: string): { dir: string; pkg: Package } | undefined {
  let dir = dirname(file);
  const seen: string[] = [];
  while (dir.startsWith(workspaceRoot + sep) && !owners.has(dir)) {
    seen.push(dir);
    if (existsSync(join(dir, 'package.json'))) {
      owners.set(dir, { dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Package });
      break;
    }
    dir = dirname(dir);
  }
  const owner = owners.get(dir);
  for (const d of seen) owners.set(d, owner);
  return owner;
}

/** Where a compiled file goes: the project's own under dist/<project>, an app's libraries under its node_modules. */
function destination(sourceFile: string): string | undefined {
  if (sourceFile.startsWith(projectDir + sep)) return join(outDir, relative(projectDir, sourceFile));
  const owner = ownerOf(sourceFile);
  if (!isApp || !owner || sourceFile.includes(`${sep}node_modules${sep}`)) return undefined;
  return join(outDir, 'node_modules', owner.pkg.name, relative(owner.dir, sourceFile));
}

const shipped = (file: string) => !/\.spec\.ts$/.test(file) && !file.split(sep).includes('testing');
const options = compilerOptions({ noEmit: false, declaration: false, sourceMap: true, outDir: undefined, rootDir: workspaceRoot });
const own = ts.createProgram(projectFiles(projectDir, shipped), options);
// TypeScript does not emit files it reached through node_modules (the workspace libraries'
// links), so an app's build names the libraries' files it loads as roots of its own.
const loaded = own
  .getSourceFiles()
  .map((f) => resolve(f.fileName))
  .filter((f) => !f.endsWith('.d.ts') && f.startsWith(workspaceRoot + sep) && !f.includes(`${sep}node_modules${sep}`));
const program = isApp ? ts.createProgram([...new Set([...own.getRootFileNames(), ...loaded])], options, undefined, own) : own;
const syntax = program.getSyntacticDiagnostics();
if (syntax.length) {
  process.stderr.write(formatDiagnostics(syntax));
  process.exit(1);
}

rmSync(outDir, { recursive: true, force: true });
const libraries = new Set<string>();
let written = 0;
program.emit(undefined, (fileName, text, _bom, _onError, sources) => {
  const source = sources?.[0]?.fileName;
  const target = source && destination(resolve(source));
  if (!target) return;
  const path = fileName.endsWith('.map') ? `${toJs(target)}.map` : toJs(target);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  written += 1;
  const owner = ownerOf(resolve(source));
  if (owner && owner.dir !== projectDir) libraries.add(owner.dir);
});

const ownPackage = join(projectDir, 'package.json');
if (existsSync(ownPackage)) writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(compiledPackage(JSON.parse(readFileSync(ownPackage, 'utf8')) as Package), null, 2)}\n`);
for (const dir of libraries) {
  const pkg = ownerOf(join(dir, 'package.json'))!.pkg;
  writeFileSync(join(outDir, 'node_modules', pkg.name, 'package.json'), `${JSON.stringify(compiledPackage(pkg), null, 2)}\n`);
}
console.log(`${written} files written to ${relative(workspaceRoot, outDir)}${libraries.size ? ` (${libraries.size} workspace libraries under node_modules)` : ''}`);
