import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { openBrowser, signIn } from '../../apps/console/e2e/browser';
import { startSystem } from '../../apps/console/scripts/system';
import { currentBureauYear } from '../../apps/console/src/format/format';
import { latencyRow, median, type BenchRow } from '../lib/measure';

const ROUNDS = 7;

/**
 * The console's first load in headless chromium on the demo bureau: a member (signed in, as after
 * a reload) opens their pledge book; time until the book's items are on screen and the network
 * is idle, beside a blank HTML page served on loopback loaded in the same browser, alternating.
 * And the JavaScript that first route ships (gzipped), beside all of the console's JavaScript.
 */
export async function consoleBench(): Promise<BenchRow[]> {
  const system = await startSystem({ demo: true, timeoutMs: 600_000 });
  const blank = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>blank</title><p>blank</p>'));
  await new Promise<void>((resolve) => blank.listen(0, '127.0.0.1', resolve));
  const blankUrl = `http://127.0.0.1:${(blank.address() as { port: number }).port}/`;
  const browser = await openBrowser();
  try {
    const page = await browser.page();
    await signIn(page, system.baseUrl, 'member', system.demoPassword!);
    const url = `${system.baseUrl}/member/book?year=${currentBureauYear()}`;
    const consoleTimes: number[] = [];
    const blankTimes: number[] = [];
    let firstRouteJs = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // A cold cache each time: the first load, not a revisit.
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Network.clearBrowserCache');
      await cdp.detach();
      let t = performance.now();
      await page.goto(blankUrl, { waitUntil: 'load' });
      blankTimes.push(performance.now() - t);
      const scripts: Promise<number>[] = [];
      const onResponse = (response: import('playwright-core').Response) => {
        if (response.request().resourceType() === 'script') scripts.push(response.body().then((b) => gzipSync(b, { level: 9 }).length));
      };
      page.on('response', onResponse);
      t = performance.now();
      await page.goto(url);
      await page.locator('.ant-list-item').first().waitFor();
      await page.waitForLoadState('networkidle');
      consoleTimes.push(performance.now() - t);
      page.off('response', onResponse);
      firstRouteJs = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
    }
    const everyChunk = await allConsoleJs(system.baseUrl);
    return [
      latencyRow("console: member's book, first load to interactive (headless chromium, demo bureau)", median(consoleTimes), median(blankTimes), 'blank HTML page load, same browser', 1500),
      {
        name: 'console: JS shipped for the first route (gzip -9)',
        value: Math.round(firstRouteJs / 1024),
        unit: 'KB',
        baseline: Math.round(everyChunk / 1024),
        baselineName: "all of the console's JS chunks (gzip -9)",
        ratio: everyChunk / firstRouteJs,
        target: '< 500 KB',
        met: firstRouteJs / 1024 < 500,
      },
    ];
  } finally {
    await browser.close();
    blank.close();
    await system.stop();
  }
}

/** Every JS chunk of the build, gzipped, fetched from the gateway as a browser would. */
async function allConsoleJs(baseUrl: string): Promise<number> {
  const { readdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  const assets = join(__dirname, '..', '..', 'apps', 'console', 'dist', 'assets');
  let total = 0;
  for (const file of readdirSync(assets).filter((f) => f.endsWith('.js'))) total += gzipSync(Buffer.from(await (await fetch(`${baseUrl}/assets/${file}`)).arrayBuffer()), { level: 9 }).length;
  return total;
}
