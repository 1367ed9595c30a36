// The hosted workflow that runs the distributed suites against live servers: valid for GitHub
// (checked by GitHub's own workflow parser and schema, in a child process: the parser is an ES
// module), and doing what it is for. This checks the file; it does not run the workflow.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const WORKFLOW = join(ROOT, '.github', 'workflows', 'distributed.yml');
const CHECKER = join(__dirname, 'check-workflow.mjs');

function check(...files: string[]): { file: string; errors: string[] }[] {
  return JSON.parse(execFileSync(process.execPath, [CHECKER, ...files], { encoding: 'utf8' })) as { file: string; errors: string[] }[];
}

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
}

describe('the distributed workflow', () => {
  const text = readFileSync(WORKFLOW, 'utf8');
  const workflow = parse(text) as { on: Record<string, unknown>; jobs: Record<string, { env: Record<string, string>; steps: Step[] }> };
  const job = workflow.jobs.distributed!;
  const runs = job.steps.map((s) => s.run ?? '');
  const indexOf = (pattern: RegExp) => runs.findIndex((r) => pattern.test(r));

  it('is a valid GitHub Actions workflow, and the check does catch an invalid one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pledgebook-workflow-'));
    try {
      const broken = join(dir, 'broken.yml');
      writeFileSync(broken, text.replace('    runs-on: ubuntu-24.04', '    runs-on: ubuntu-24.04\n    step: []'));
      const [valid, invalid] = check(WORKFLOW, broken);
      expect(valid).toEqual({ file: 'distributed.yml', errors: [] });
      expect(invalid!.errors.join('\n')).toMatch(/Unexpected value 'step'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('runs on every push', () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
  });

  it('starts the three servers from compose and waits until they are healthy, before anything needs them', () => {
    const up = indexOf(/^docker compose -f docker\/compose\.yaml up -d --wait\b/);
    expect(up).toBeGreaterThanOrEqual(0);
    expect(up).toBeLessThan(indexOf(/^npm run test:distributed$/));
  });

  it('points the suites at the servers and runs npm ci, test:distributed, the image build and the compose smoke', () => {
    expect(job.env).toEqual({
      TEST_ESDB_URL: 'esdb://localhost:2113?tls=false',
      TEST_KAFKA_URL: 'kafka://localhost:9092',
      TEST_MONGODB_URL: 'mongodb://localhost:27017/?directConnection=true',
    });
    const order = [/^npm ci$/, /^npm run test:distributed$/, /^docker build -f docker\/Dockerfile\b.* \.$/, /compose-smoke\.ts$/].map(indexOf);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(existsSync(join(__dirname, 'compose-smoke.ts'))).toBe(true);
    const node = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(node?.with?.['node-version']).toBe(20);
    expect(job.steps.at(-1)).toMatchObject({ if: 'always()', run: expect.stringContaining('down') });
  });

  it('gets from compose a Kafka in KRaft mode, an insecure EventStoreDB and a MongoDB healthy only as primary', () => {
    const compose = parse(readFileSync(join(ROOT, 'docker', 'compose.yaml'), 'utf8')) as {
      services: Record<string, { command?: string[]; environment?: Record<string, unknown>; ports?: string[]; healthcheck?: { test: string[] } }>;
    };
    const { kafka, eventstore, mongodb } = compose.services;
    expect(kafka!.environment).toMatchObject({ KAFKA_PROCESS_ROLES: 'broker,controller' });
    expect(kafka!.ports).toContain('9092:9092');
    expect(eventstore!.environment).toMatchObject({ EVENTSTORE_INSECURE: 'true' });
    expect(eventstore!.ports).toContain('2113:2113');
    expect(mongodb!.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    // mongosh exits 0 whatever --eval prints: the check must quit non-zero until this node is primary.
    expect(mongodb!.healthcheck!.test.join(' ')).toMatch(/quit\(db\.hello\(\)\.isWritablePrimary \? 0 : 1\)/);
  });
});
