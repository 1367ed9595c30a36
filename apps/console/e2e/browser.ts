// Debian's chromium (/usr/bin/chromium) driven by playwright-core: no browser is downloaded.
// Each browser gets a fresh profile directory; background networking is off (this machine has
// no network beyond loopback, and the tests need none).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Browser {
  context: BrowserContext;
  /** A new tab (its own sessionStorage, so its own signed-in person). */
  page(options?: { width?: number; height?: number }): Promise<Page>;
  close(): Promise<void>;
}

export async function openBrowser(options: { locale?: string } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'pledgebook-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    locale: options.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  return {
    context,
    async page(size) {
      const page = await context.newPage();
      if (size?.width) await page.setViewportSize({ width: size.width, height: size.height ?? 900 });
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the console's login page and waits for the first page after it. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * With CONSOLE_E2E_SHOTS=<dir>, what each person's tab showed after a step, named
 * `<prefix><test>-<person>.png` (for diagnosing a failure); nothing otherwise.
 */
export async function shootTabs(pages: Map<string, Page>, prefix: string, fullPage = true): Promise<void> {
  const dir = process.env.CONSOLE_E2E_SHOTS;
  if (!dir) return;
  const name = expect.getState().currentTestName?.replace(/\W+/g, '-');
  for (const [person, page] of pages) await page.screenshot({ path: join(dir, `${prefix}${name}-${person}.png`), fullPage }).catch(() => undefined);
}
