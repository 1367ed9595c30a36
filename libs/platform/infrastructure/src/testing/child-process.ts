import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const REGISTER = require.resolve('@swc-node/register');

/** Runs one of this folder's TypeScript scripts in a fresh Node process. */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, ['-r', REGISTER, join(__dirname, script), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Resolves when the child prints `line` on stdout. */
export function waitForLine(child: ChildProcess, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.split('\n').includes(line)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`process exited (${code}) before printing "${line}"`)));
  });
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
  });
}

export async function runToCompletion(child: ChildProcess): Promise<void> {
  const code = await exited(child);
  if (code !== 0) throw new Error(`child process failed with exit code ${code}`);
}
