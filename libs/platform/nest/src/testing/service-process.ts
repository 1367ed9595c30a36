import { TestTokens, type TestTokenClaims } from './token-factory';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Caller {
  token: string;
  claims: TestTokenClaims;
}

export interface Reply {
  status: number;
  // Replies are JSON of many shapes; tests assert on them directly.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

export interface Harness {
  baseUrl: string;
  dataDir: string;
  tokens: TestTokens;
  as(claims: TestTokenClaims): Promise<Caller>;
  /** JSON over HTTP as a caller (or anonymously); a string body is sent as is. */
  call(caller: Caller | undefined, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  /** SIGKILLs the service process (no shutdown hooks run). */
  kill(): Promise<void>;
  /** Starts the service again on the same data and port. */
  restart(): Promise<void>;
  /** What the service process printed (for diagnosing a failure). */
  output(): string;
  close(): Promise<void>;
}

const REGISTER = require.resolve('@swc-node/register');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A real service as its own process (real SQLite files, real HTTP) on a free port, with a
 * fresh data directory. Unless `trustTestKey` is false, the data directory's jwks.json holds a
 * test signing key, so `as()` mints tokens the service accepts.
 */
export async function startServiceProcess(
  main: string,
  options: { env?: Record<string, string>; portVariable?: string; trustTestKey?: boolean; /** Shared with other processes; not removed on close. */ dataDir?: string } = {},
): Promise<Harness> {
  const env = options.env ?? {};
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pledgebook-service-'));
  const tokens = await TestTokens.create(join(dataDir, options.trustTestKey === false ? 'test-jwks.json' : 'jwks.json'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let output = '';

  const launch = async () => {
    output = '';
    child = spawn(process.execPath, ['-r', REGISTER, main], {
      env: { ...process.env, PLEDGEBOOK_DATA_DIR: dataDir, [options.portVariable ?? 'PORT']: String(port), LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    for (let waited = 0; ; waited += 100) {
      if (child.exitCode !== null) throw new Error(`${main} exited (${child.exitCode}):\n${output}`);
      if (waited > 60_000) throw new Error(`${main} did not start:\n${output}`);
      const ok = await fetch(`${baseUrl}/health/live`).then((r) => r.ok).catch(() => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const stop = async (signal: NodeJS.Signals) => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill(signal);
    });
  };

  await launch();
  return {
    baseUrl,
    dataDir,
    tokens,
    as: async (claims) => ({ claims, token: await tokens.sign(claims) }),
    async call(caller, method, path, body, headers = {}) {
      const response = await fetch(baseUrl + path, {
        method,
        headers: {
          ...(caller ? { authorization: `Bearer ${caller.token}` } : {}),
          ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON: keep the text */
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
    kill: () => stop('SIGKILL'),
    output: () => output,
    restart: launch,
    async close() {
      await stop('SIGTERM');
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
