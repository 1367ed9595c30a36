// The last lines of `npm test`: every project's jest results (run now or restored from the Nx
// cache) added up and printed the way jest closes a run, so the totals for the whole workspace
// are the closing lines. Exits 1 when a suite failed or a test task left no results.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { workspaceRoot } from './project-files';
import { testResultsFile } from './project-targets';

interface JestResults {
  numFailedTestSuites: number;
  numPassedTestSuites: number;
  numPendingTestSuites: number;
  numTotalTestSuites: number;
  numFailedTests: number;
  numPassedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numTotalTests: number;
  testResults: Array<{ name: string; status: string }>;
}

/** Every project with a test or e2e target, from the project graph (`nx graph --file`). */
function testTasks(): Array<{ task: string; root: string; target: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pledgebook-graph-'));
  try {
    execFileSync(join(workspaceRoot, 'node_modules', '.bin', 'nx'), ['graph', `--file=${join(dir, 'graph.json')}`], { cwd: workspaceRoot, stdio: 'ignore' });
    const graph = JSON.parse(readFileSync(join(dir, 'graph.json'), 'utf8')) as { graph: { nodes: Record<string, { data: { root: string; targets?: Record<string, unknown> } }> } };
    return Object.entries(graph.graph.nodes)
      .flatMap(([name, { data }]) => ['test', 'e2e'].filter((t) => data.targets?.[t]).map((target) => ({ task: `${name}:${target}`, root: data.root, target })))
      .sort((a, b) => a.task.localeCompare(b.task));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const totals = { suitesFailed: 0, suitesPassed: 0, suitesSkipped: 0, suites: 0, failed: 0, passed: 0, skipped: 0, todo: 0, tests: 0, runs: 0 };
const missing: string[] = [];
const failedSuites: string[] = [];
for (const { task, root, target } of testTasks()) {
  const file = join(workspaceRoot, testResultsFile(root, target));
  if (!existsSync(file)) {
    missing.push(task);
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8')) as JestResults;
  totals.runs += 1;
  totals.suitesFailed += r.numFailedTestSuites;
  totals.suitesPassed += r.numPassedTestSuites;
  totals.suitesSkipped += r.numPendingTestSuites;
  totals.suites += r.numTotalTestSuites;
  totals.failed += r.numFailedTests;
  totals.passed += r.numPassedTests;
  totals.skipped += r.numPendingTests;
  totals.todo += r.numTodoTests;
  totals.tests += r.numTotalTests;
  failedSuites.push(...r.testResults.filter((s) => s.status === 'failed').map((s) => relative(workspaceRoot, s.name)));
}

const parts = (counts: Array<[number, string]>, total: number) => [...counts.filter(([n]) => n > 0).map(([n, label]) => `${n} ${label}`), `${total} total`].join(', ');
console.log(`\nAll projects: ${totals.runs} jest runs (nx run-many -t test e2e)`);
for (const suite of failedSuites) console.log(`FAIL ${suite}`);
for (const task of missing) console.log(`NO RESULTS ${task} (not run, or did not finish)`);
console.log(`Test Suites: ${parts([[totals.suitesFailed, 'failed'], [totals.suitesSkipped, 'skipped'], [totals.suitesPassed, 'passed']], totals.suites)}`);
console.log(`Tests:       ${parts([[totals.failed, 'failed'], [totals.skipped, 'skipped'], [totals.todo, 'todo'], [totals.passed, 'passed']], totals.tests)}`);
process.exit(totals.suitesFailed > 0 || totals.failed > 0 || missing.length > 0 ? 1 : 0);
