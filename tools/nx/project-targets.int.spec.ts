// The workspace's Nx setup, read back from the project graph Nx builds: the targets every
// project has, which tasks may share the machine, the edges `nx affected` follows, and the
// build output of a service running without a TypeScript loader.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const nx = join(root, 'node_modules', '.bin', 'nx');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };

interface Target {
  command?: string;
  options?: { command?: string };
  parallelism?: boolean;
  cache?: boolean;
  continuous?: boolean;
}
interface Graph {
  nodes: Record<string, { data: { root: string; targets: Record<string, Target> } }>;
  dependencies: Record<string, Array<{ target: string }>>;
}

let graph: Graph;
// Under the workspace (tmp/ is ignored by git), so the built app finds the npm packages.
mkdirSync(join(root, 'tmp'), { recursive: true });
const scratch = mkdtempSync(join(root, 'tmp', 'nx-spec-'));
beforeAll(() => {
  execFileSync(nx, ['graph', `--file=${join(scratch, 'graph.json')}`], { cwd: root, env, stdio: 'ignore' });
  graph = (JSON.parse(readFileSync(join(scratch, 'graph.json'), 'utf8')) as { graph: Graph }).graph;
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const projects = () => Object.entries(graph.nodes).map(([name, { data }]) => ({ name, ...data }));
const command = (t: Target) => t.command ?? t.options?.command ?? '';
const hasSources = (dir: string): boolean =>
  readdirSync(join(root, dir), { withFileTypes: true }).some((e) =>
    e.isDirectory() ? !['node_modules', 'dist'].includes(e.name) && hasSources(join(dir, e.name)) : /\.tsx?$/.test(e.name),
  );

describe('Nx targets', () => {
  it('gives every project lint, typecheck, build and test (cached), and every app serve and e2e', () => {
    expect(projects().length).toBeGreaterThan(20);
    for (const p of projects()) {
      // @nx/eslint infers lint where there is something to lint: a project just created has no sources yet.
      const expected = hasSources(p.root) ? ['build', 'lint', 'test', 'typecheck'] : ['build', 'test', 'typecheck'];
      expect({ project: p.name, targets: Object.keys(p.targets).sort() }).toEqual({ project: p.name, targets: expect.arrayContaining(expected) });
      for (const t of expected) expect({ task: `${p.name}:${t}`, cache: p.targets[t]!.cache }).toEqual({ task: `${p.name}:${t}`, cache: true });
      if (p.root.startsWith('apps/')) expect(Object.keys(p.targets)).toEqual(expect.arrayContaining(['serve', 'e2e']));
    }
  });

  it('runs e2e specs only in e2e, and every task that starts processes alone', () => {
    for (const p of projects()) {
      expect(command(p.targets.test!)).toContain("--testPathIgnorePatterns /node_modules/ /dist/ '\\.e2e\\.spec\\.ts$'");
      if (p.targets.e2e) expect({ task: `${p.name}:e2e`, parallelism: p.targets.e2e.parallelism }).toEqual({ task: `${p.name}:e2e`, parallelism: false });
    }
    expect(graph.nodes['@pledgebook/infrastructure']!.data.targets.test!.parallelism).toBe(false);
    expect(graph.nodes['@pledgebook/pledge-domain']!.data.targets.test!.parallelism).toBe(true);
  });

  it('knows that the gateway, the review service and `npm start` run other apps as processes', () => {
    const deps = (name: string) => graph.dependencies[name]!.map((d) => d.target);
    expect(deps('@pledgebook/gateway')).toEqual(expect.arrayContaining(['@pledgebook/pledge-service', '@pledgebook/review-service', '@pledgebook/appraisal-service', '@pledgebook/reward-service']));
    expect(deps('@pledgebook/review-service')).toContain('@pledgebook/pledge-service');
    expect(deps('@pledgebook/tools')).toEqual(expect.arrayContaining(['@pledgebook/gateway', '@pledgebook/pledge-service']));
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('build', () => {
  it('compiles a service and the libraries it loads into JavaScript that runs without a TypeScript loader', async () => {
    const out = join(scratch, 'gateway');
    execFileSync(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'build.ts'), 'apps/gateway', out], { cwd: root, stdio: 'ignore' });
    expect(JSON.parse(readFileSync(join(out, 'node_modules', '@pledgebook', 'nest', 'package.json'), 'utf8')).exports['.']).toBe('./src/index.js');
    const port = await freePort();
    const child = spawn(process.execPath, [join(out, 'src', 'main.js')], {
      cwd: scratch,
      env: { ...process.env, PLEDGEBOOK_DATA_DIR: join(scratch, 'data'), PLEDGEBOOK_GATEWAY_PORT: String(port), PLEDGEBOOK_ADMIN_PASSWORD: 'Build-Check-Admin-1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    try {
      for (let waited = 0; ; waited += 100) {
        if (child.exitCode !== null) throw new Error(`${relative(root, out)} exited (${child.exitCode}):\n${output}`);
        if (waited > 60_000) throw new Error(`${relative(root, out)} did not start:\n${output}`);
        const status = await fetch(`http://127.0.0.1:${port}/health/live`).then((r) => r.status, () => 0);
        if (status) {
          expect(status).toBe(200);
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      child.kill('SIGTERM');
    }
  }, 120_000);
});
