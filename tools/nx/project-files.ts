// What the typecheck and build targets compile: a project's own TypeScript files, with the
// workspace's compiler options (tsconfig.base.json).
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

export const workspaceRoot = resolve(__dirname, '..', '..');

/** The project's .ts files, without node_modules, dist, data and nested projects. */
export function projectFiles(projectDir: string, keep: (file: string) => boolean = () => true): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (['node_modules', 'dist', 'data'].includes(entry.name)) continue;
        if (!existsSync(join(path, 'package.json')) && !existsSync(join(path, 'project.json'))) walk(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && keep(path)) {
        files.push(path);
      }
    }
  };
  walk(projectDir);
  return files.sort();
}

export function compilerOptions(overrides: ts.CompilerOptions = {}): ts.CompilerOptions {
  const file = join(workspaceRoot, 'tsconfig.base.json');
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, workspaceRoot, undefined, file);
  return { ...parsed.options, ...overrides };
}

const host: ts.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => workspaceRoot, getNewLine: () => '\n' };

export function formatDiagnostics(diagnostics: readonly ts.Diagnostic[]): string {
  return ts.formatDiagnosticsWithColorAndContext(diagnostics, host);
}
