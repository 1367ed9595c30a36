// docker/Dockerfile, linted by the VS Code Dockerfile language service's validator
// (dockerfile-utils) and held to the image rules: pinned base, dependencies installed before the
// sources are copied, compiled JavaScript and production dependencies only, non-root, a health
// check, the process chosen by PLEDGEBOOK_SERVICE.
import { validate } from 'dockerfile-utils';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const dockerfile = readFileSync(join(root, 'docker', 'Dockerfile'), 'utf8');

interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions by stage (continuation lines joined, comments dropped). */
function stages(text: string): Instruction[][] {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const result: Instruction[][] = [[]];
  for (const line of lines) {
    const [keyword, ...rest] = line.split(/\s+/);
    const instruction = { keyword: keyword!.toUpperCase(), args: rest.join(' ') };
    if (instruction.keyword === 'FROM') result.push([]);
    result[result.length - 1]!.push(instruction);
  }
  return result;
}

const findings = (text: string) => validate(text).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);

describe('the Dockerfile', () => {
  const [preamble, ...built] = stages(dockerfile);
  const final = built[built.length - 1]!;
  const buildStage = built.find((s) => /AS build$/i.test(s[0]!.args))!;
  const has = (stage: Instruction[], keyword: string, pattern: RegExp) => stage.some((i) => i.keyword === keyword && pattern.test(i.args));

  it('passes the linter without a finding', () => {
    expect(findings(dockerfile)).toEqual([]);
  });

  it('is linted by something that finds mistakes', () => {
    expect(findings(dockerfile.replace('--interval=10s', '--interval=ten'))).not.toEqual([]);
    expect(findings(dockerfile.replace('EXPOSE 3000', 'EXPOSE gateway'))).not.toEqual([]);
  });

  it('builds every stage from one base pinned to an exact release (or a digest)', () => {
    const base = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1];
    expect(base).toMatch(/^node:20\.\d+\.\d+-bookworm-slim(@sha256:[0-9a-f]{64})?$/);
    expect(preamble!.every((i) => i.keyword === 'ARG')).toBe(true);
    for (const stage of built) expect(stage[0]!.args).toMatch(/^\$\{NODE_IMAGE\}( AS \w+)?$/);
  });

  it('installs dependencies from the package files before it copies the sources', () => {
    const at = (pattern: RegExp) => buildStage.findIndex((i) => pattern.test(`${i.keyword} ${i.args}`));
    expect(at(/^COPY --from=manifests/)).toBeGreaterThan(-1);
    expect(at(/^RUN npm ci\b/)).toBeGreaterThan(at(/^COPY --from=manifests/));
    expect(at(/^COPY \. \./)).toBeGreaterThan(at(/^RUN npm ci\b/));
  });

  it('runs compiled JavaScript with production dependencies only, as a non-root user, with a health check', () => {
    expect(has(final, 'COPY', /^--from=build \/out\//)).toBe(true);
    expect(final.some((i) => /npm (ci|install)|swc|\.ts\b/.test(i.args) && i.keyword !== 'COPY')).toBe(false);
    const user = final.filter((i) => i.keyword === 'USER').pop()?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(0|root)(:|$)/);
    expect(has(final, 'HEALTHCHECK', /--timeout=\d+s .*CMD \["node", "docker\/healthcheck\.js"\]/)).toBe(true);
    expect(has(final, 'ENTRYPOINT', /docker\/entrypoint\.sh/)).toBe(true);
  });

  it('chooses the process by PLEDGEBOOK_SERVICE (a build argument sets the default), naming every service', () => {
    expect(has(final, 'ARG', /^PLEDGEBOOK_SERVICE=gateway$/)).toBe(true);
    expect(has(final, 'ENV', /PLEDGEBOOK_SERVICE=\$\{PLEDGEBOOK_SERVICE\}/)).toBe(true);
    const entrypoint = readFileSync(join(root, 'docker', 'entrypoint.sh'), 'utf8');
    for (const name of ['gateway', 'pledge-service', 'review-service', 'appraisal-service', 'reward-service', 'all']) expect(entrypoint).toContain(name);
  });

  it('keeps docs, benchmarks, specs, data and node_modules out of the build context', () => {
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['docs', 'bench', '**/*.spec.ts', 'data', '**/node_modules', '.git']) expect(ignored).toContain(entry);
  });
});
