// The accessibility scan every console browser test runs: axe-core in the page, serious and critical only.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: { id: string; impact: string; nodes: { target: string[]; failureSummary?: string }[] }[];
}

/** The page's serious and critical violations, each with up to three of the elements it names. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(AXE);
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as AxeResult;
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`).slice(0, 3).join(', ')}`);
}

/**
 * Each visit's page (the person's tab at the path, once its heading shows) scanned in turn,
 * keyed `<person> <path>`.
 */
export async function seriousViolationsOn<P extends string>(visits: Array<[P, string]>, open: (person: P, path: string) => Promise<Page>): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const [person, path] of visits) {
    const page = await open(person, path);
    await page.locator('h1').first().waitFor();
    found[`${person} ${path}`] = await seriousViolations(page);
  }
  return found;
}
