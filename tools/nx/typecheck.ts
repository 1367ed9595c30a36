// `nx run <project>:typecheck`: type-checks one project's files (specs included) with the
// workspace's compiler options, or with the project's own tsconfig.json when it has one (a
// browser app). Errors in a dependency's own files are that dependency's typecheck to report,
// so only this project's files (and global errors) are reported here.
import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { compilerOptions, formatDiagnostics, projectFiles, workspaceRoot } from './project-files';

const projectDir = resolve(workspaceRoot, process.argv[2] ?? '.');
const ownConfig = join(projectDir, 'tsconfig.json');
const { fileNames, options } = existsSync(ownConfig)
  ? ts.getParsedCommandLineOfConfigFile(ownConfig, { noEmit: true }, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => console.error(formatDiagnostics([d])) })!
  : { fileNames: projectFiles(projectDir), options: compilerOptions({ noEmit: true }) };
const program = ts.createProgram(fileNames, options);
const inProject = (d: ts.Diagnostic) => !d.file || resolve(d.file.fileName).startsWith(projectDir + sep);
const diagnostics = ts.getPreEmitDiagnostics(program).filter(inProject);
const name = relative(workspaceRoot, projectDir);
if (diagnostics.length) {
  process.stderr.write(formatDiagnostics(diagnostics));
  process.stderr.write(`\n${diagnostics.length} type error(s) in ${name}\n`);
  process.exit(1);
}
console.log(`${fileNames.length} files in ${name} type-check`);
