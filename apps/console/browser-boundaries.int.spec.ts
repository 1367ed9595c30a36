import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

// Proves the console's browser code is kept from server code: real code placed in the console's
// sources, linted by the ESLint CLI with the workspace's configuration.
const root = join(__dirname, '..', '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

beforeAll(() => {
  execFileSync(bin('nx'), ['show', 'projects'], { cwd: root, stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false' } });
}, 120_000);

function lint(file: string, code: string): string[] {
  const run = spawnSync(bin('eslint'), ['--stdin', '--stdin-filename', join(root, file), '--format', 'json'], { cwd: root, input: code, encoding: 'utf8' });
  const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string; message: string }[] }[];
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the console’s browser code', () => {
  it('may not import a workspace library, a Node built-in or a server package', () => {
    expect(lint('apps/console/src/x.tsx', `import { problem } from '@pledgebook/nest';\nexport const p = problem;\n`)).toEqual([expect.stringMatching(/enforce-module-boundaries/)]);
    expect(lint('apps/console/src/x.ts', `import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n`)).toEqual([expect.stringMatching(/no-restricted-imports.*node:fs/)]);
    expect(lint('apps/console/src/x.ts', `import { SignJWT } from 'jose';\nexport const s = SignJWT;\n`)).toEqual([expect.stringMatching(/enforce-module-boundaries.*jose/)]);
  });

  it('may import its own code and browser packages', () => {
    expect(lint('apps/console/src/x.tsx', `import { Button } from 'antd';\nimport { formatYuan } from './format/format';\nexport const x = [Button, formatYuan];\n`)).toEqual([]);
  });
});
