// `npm run console:screenshots`: starts the system with the demo bureau, signs in as each demo
// person in Debian's chromium and writes PNG screenshots of the main pages at desktop and phone
// widths to docs/console/ (CONSOLE_SHOTS=name,… for some of them). Chinese text needs a CJK font
// (Debian: fonts-noto-cjk).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openBrowser, signIn } from '../e2e/browser';
import { currentBureauYear } from '../src/format/format';
import { ROOT, startSystem } from './system';

const OUT = join(ROOT, 'docs', 'console');
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

function hasCjkFont(): boolean {
  try {
    return /CJK|WenQuanYi|Droid Sans Fallback/i.test(execFileSync('fc-list', { encoding: 'utf8' }));
  } catch {
    return false;
  }
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
  await page.waitForTimeout(300);
}

async function main(): Promise<void> {
  if (!hasCjkFont()) console.warn('no CJK font found: Chinese text will show as boxes (apt-get install fonts-noto-cjk)');
  mkdirSync(OUT, { recursive: true });
  const system = await startSystem({ demo: true, timeoutMs: 600_000 });
  const browser = await openBrowser();
  const year = currentBureauYear();
  const api = async (path: string, token: string) => (await fetch(system.baseUrl + path, { headers: { authorization: `Bearer ${token}` } })).json() as Promise<Record<string, never>>;
  try {
    const password = system.demoPassword!;
    const token = async (username: string) =>
      ((await (await fetch(`${system.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })).json()) as { accessToken: string }).accessToken;
    const queue = (await api('/api/v1/reviews/queue', await token('secretary'))) as { branch?: { pledgeId: string }[] };
    const atBranch = queue.branch?.[0]?.pledgeId;
    const mine = (await api(`/api/v1/members/sun-li/pledges?year=${year}`, await token('member'))) as { pledges?: { pledgeId: string }[] };
    const published = mine.pledges?.[0]?.pledgeId;
    const shots: [string, string | undefined, string][] = [
      ['login', undefined, '/login'],
      ['member-book', 'member', `/member/book?year=${year}`],
      ['member-booklet', 'member', `/member/booklet?year=${year}`],
      ['review-queue', 'secretary', '/review/queue'],
      ['review-items', 'secretary', `/review/${atBranch}`],
      ['branch-board', 'secretary', `/review/branch?year=${year}`],
      ['audit', 'auditor', `/audit/${published}`],
      ['admin-directory', 'bureau-admin', '/admin/directory'],
      ['admin-accounts', 'bureau-admin', '/admin/accounts'],
      ['appraisal-office', 'appraiser', `/appraisal?year=${year}`],
      ['appraisal-scheme', 'appraiser', `/appraisal/schemes/${year}/1`],
      ['appraisal-round', 'appraiser', `/appraisal/rounds/${year}/H1`],
      ['member-appraisal', 'member', `/member/appraisal?year=${year}`],
      ['monthly-checks', 'secretary', `/review/checks?year=${year}&month=${year}-06`],
      ['quarterly-dispatch', 'secretary', `/review/dispatch?year=${year}`],
      ['reward-selections', 'leading', `/reward?year=${year}`],
      ['reward-grants', 'leading', `/reward/grants?year=${year}`],
      ['member-rewards', 'member', `/member/rewards?year=${year}`],
      ['statistics', 'bureau-admin', `/stats?year=${year}`],
      ['system-bureaus', 'admin', '/system/bureaus'],
      ['system-subscriptions', 'admin', '/system/subscriptions'],
      ['reminder-talks', 'secretary', '/review/talks'],
      ['inbox', 'member', '/inbox'],
      ['account', 'member', '/account'],
    ];
    // CONSOLE_SHOTS=name,name… takes only those pictures (the others stay as they are).
    const only = process.env.CONSOLE_SHOTS?.split(',').filter(Boolean);
    for (const [size, viewport] of Object.entries(SIZES)) {
      const tabs = new Map<string, Page>();
      for (const [name, person, path] of shots.filter(([n]) => !only?.length || only.includes(n))) {
        let page = person ? tabs.get(person) : undefined;
        if (!page) {
          page = await browser.page(viewport);
          if (person) {
            // The system admin signs in with its own password, not the demo's.
            await signIn(page, system.baseUrl, person, person === 'admin' ? system.adminPassword : password);
            tabs.set(person, page);
          }
        }
        await page.goto(system.baseUrl + path);
        await settle(page);
        const file = join(OUT, `${name}-${size}.png`);
        await page.screenshot({ path: file, fullPage: size === 'phone' ? false : false });
        console.log(`docs/console/${name}-${size}.png`);
        if (!person) await page.close();
      }
      for (const tab of tabs.values()) await tab.close();
    }
  } finally {
    await browser.close();
    await system.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
