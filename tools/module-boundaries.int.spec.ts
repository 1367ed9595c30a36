import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

// Proves the architecture rules are enforced, not just configured: each case is real code
// placed in a real project, linted by the ESLint CLI with the workspace's own configuration.
const root = join(__dirname, '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

beforeAll(() => {
  // The boundary rule reads Nx's cached project graph; `npm run lint` builds it the same way.
  execFileSync(bin('nx'), ['show', 'projects'], { cwd: root, stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false' } });
}, 120_000);

async function lint(file: string, code: string): Promise<string[]> {
  const run = spawnSync(bin('eslint'), ['--stdin', '--stdin-filename', join(root, file), '--format', 'json'], {
    cwd: root,
    input: code,
    encoding: 'utf8',
  });
  const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string; message: string }[] }[];
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('module boundaries', () => {
  it('bans drivers and frameworks in ports, contracts and util', async () => {
    expect(await lint('libs/platform/event-store/src/x.ts', `import Database from 'better-sqlite3';\nexport const d = Database;\n`)).toEqual([
      expect.stringMatching(/enforce-module-boundaries.*better-sqlite3/),
    ]);
    expect(await lint('libs/shared/contracts/src/x.ts', `import { Injectable } from '@nestjs/common';\nexport const i = Injectable;\n`)).toEqual([
      expect.stringMatching(/enforce-module-boundaries.*@nestjs\/common/),
    ]);
    expect(await lint('libs/platform/message-bus/src/x.ts', `import { Kafka } from 'kafkajs';\nexport const k = Kafka;\n`)).toEqual([
      expect.stringMatching(/enforce-module-boundaries.*kafkajs/),
    ]);
  });

  it('keeps the layers pointing one way', async () => {
    expect(await lint('libs/shared/contracts/src/x.ts', `import { GENESIS_HASH } from '@pledgebook/event-store';\nexport const g = GENESIS_HASH;\n`)).toEqual([
      expect.stringMatching(/enforce-module-boundaries.*type:contracts/),
    ]);
    expect(await lint('libs/platform/event-store/src/x.ts', `import { SqliteEventStore } from '@pledgebook/event-store-sqlite';\nexport const s = SqliteEventStore;\n`)).toEqual([
      // A port that imports its adapter is refused (reported as the cycle it creates).
      expect.stringMatching(/enforce-module-boundaries/),
    ]);
  });

  it('allows what the design allows', async () => {
    expect(await lint('libs/platform/event-store-sqlite/src/x.ts', `import Database from 'better-sqlite3';\nimport { GENESIS_HASH } from '@pledgebook/event-store';\nexport const x = [Database, GENESIS_HASH];\n`)).toEqual([]);
  });

  it('lets only apps/*/src/config.ts read the environment', async () => {
    expect(await lint('libs/platform/message-bus/src/x.ts', `export const url = process.env.BUS_URL;\n`)).toEqual([
      expect.stringMatching(/no-restricted-properties/),
    ]);
  });
});
