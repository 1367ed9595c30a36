// Nx plugin: the targets every project gets — typecheck, build, test; serve and e2e for apps
// (e2e too for any project with *.e2e.spec.ts); lint comes from @nx/eslint. This file says how
// each task runs; nx.json's targetDefaults say what invalidates its cache (ADR 0032).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CreateNodes, TargetConfiguration } from 'nx/src/devkit-exports';

const NODE_TS = 'node -r @swc-node/register';
/** Where a project's jest results go (read by tools/nx/test-summary.ts). */
export const testResultsFile = (projectRoot: string, target: string) => `dist/test-results/${projectRoot}/${target}.json`;
const E2E_SPEC = '\\.e2e\\.spec\\.ts$';

/** The kinds of spec files a project has (unit, int, e2e, other), to know which tests may share the machine. */
function specKinds(dir: string, found = new Set<string>()): Set<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'data') continue;
      const child = join(dir, entry.name);
      // A nested project's specs are its own.
      if (!existsSync(join(child, 'package.json')) && !existsSync(join(child, 'project.json'))) specKinds(child, found);
    } else {
      if (entry.name.endsWith('.spec.ts')) found.add(/\.(unit|int|e2e)\.spec\.ts$/.exec(entry.name)?.[1] ?? 'other');
    }
  }
  return found;
}

function jest(workspaceRoot: string, root: string, target: 'test' | 'e2e', selection: string): TargetConfiguration {
  const config = existsSync(join(workspaceRoot, root, 'jest.config.js')) ? `${root}/jest.config.js` : `jest.preset.js --rootDir ${root}`;
  return {
    command: `mkdir -p ${dirname(testResultsFile(root, target))} && jest --config ${config} ${selection} --passWithNoTests --json --outputFile=${testResultsFile(root, target)}`,
    outputs: [`{workspaceRoot}/${testResultsFile('{projectRoot}', target)}`],
    metadata: { technologies: ['jest'], description: target === 'e2e' ? 'The *.e2e.spec.ts suites: the app as processes over HTTP' : 'Unit and integration specs (not *.e2e.spec.ts)' },
  };
}

/** A browser app built by Vite (the console) builds and serves with Vite; the services with tsc and node. */
function buildAndServe(workspaceRoot: string, root: string, isApp: boolean): Record<string, TargetConfiguration> {
  if (readdirSync(join(workspaceRoot, root)).some((f) => /^vite\.config\.[cm]?[jt]s$/.test(f))) {
    return {
      build: { command: 'vite build', options: { cwd: root }, outputs: ['{projectRoot}/dist'], metadata: { technologies: ['vite'], description: 'Bundles the browser app' } },
      serve: { command: 'vite', options: { cwd: root }, continuous: true, metadata: { technologies: ['vite'], description: 'Dev server with hot reload' } },
    };
  }
  return {
    build: {
      command: `${NODE_TS} tools/nx/build.ts ${root}`,
      outputs: ['{workspaceRoot}/dist/{projectRoot}'],
      metadata: { technologies: ['typescript'], description: isApp ? 'Compiles the app and the workspace libraries it uses to runnable JavaScript' : 'Compiles the library to JavaScript' },
    },
    ...(isApp && existsSync(join(workspaceRoot, root, 'src', 'main.ts'))
      ? { serve: { command: `${NODE_TS} ${root}/src/main.ts`, continuous: true, metadata: { description: 'Starts the service on the embedded profile (settings from the environment)' } } }
      : {}),
  };
}

function targetsFor(workspaceRoot: string, root: string): Record<string, TargetConfiguration> {
  const isApp = root.startsWith('apps/');
  const kinds = specKinds(join(workspaceRoot, root));
  const targets: Record<string, TargetConfiguration> = {
    typecheck: { command: `${NODE_TS} tools/nx/typecheck.ts ${root}`, metadata: { technologies: ['typescript'], description: 'Type-checks the project’s files (specs included)' } },
    ...buildAndServe(workspaceRoot, root, isApp),
    // Unit specs do no I/O and may share the machine; integration specs start processes and hold
    // leases with sub-second lifetimes, so a project that has them tests alone, as e2e does.
    test: { ...jest(workspaceRoot, root, 'test', `--testPathIgnorePatterns /node_modules/ /dist/ '${E2E_SPEC}'`), parallelism: [...kinds].every((k) => k === 'unit' || k === 'e2e') },
  };
  if (isApp || kinds.has('e2e')) targets.e2e = { ...jest(workspaceRoot, root, 'e2e', `--testPathPatterns '${E2E_SPEC}'`), parallelism: false };
  return targets;
}

/** A project is a directory with a project.json, or a package.json with an `nx` field. */
function isProject(file: string, workspaceRoot: string): boolean {
  if (dirname(file) === '.') return false;
  if (file.endsWith('project.json')) return true;
  return 'nx' in (JSON.parse(readFileSync(join(workspaceRoot, file), 'utf8')) as object);
}

export const createNodes: CreateNodes = [
  '{apps,libs,tools,bench,examples}/**/{package,project}.json',
  (files, _options, context) => {
    const roots = [...new Set(files.filter((file) => isProject(file, context.workspaceRoot)).map((file) => dirname(file)))];
    return roots.map((root) => [join(root, existsSync(join(context.workspaceRoot, root, 'project.json')) ? 'project.json' : 'package.json'), { projects: { [root]: { targets: targetsFor(context.workspaceRoot, root) } } }] as const);
  },
];
