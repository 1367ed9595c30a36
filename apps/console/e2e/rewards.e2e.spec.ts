// Rewards, statistics and the system admin's pages in a real browser (Debian's chromium) against
// the gateway and every service as processes: the leading group opens a selection, the branch
// secretary nominates, the leading group decides and announces, the member sees her reward and
// its certificate; a reward granted by hand and the year's rewards as CSV; the statistics' tables
// and chart with the server's CSV export; the system admin's bureau tree and a subscription
// created (a problem beside its field first), paused and deleted, and a batched webhook whose
// batch size shows and whose requests carry several events each; the programme rules; axe scans.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { currentBureauYear } from '../src/format/format';
import { startSystem, type RunningSystem } from '../scripts/system';
import { seriousViolationsOn } from './axe';
import { openBrowser, shootTabs, signIn, type Browser } from './browser';
import { call, login } from './fixture';
import { loadRewardFixture, R_BUREAU, R_PASSWORD, R_PEOPLE } from './reward-fixture';
import { choose, closeDropdowns, eventually, toast } from './ui';

/** Chooses in a searchable select by typing, as a person does with the keyboard (another dropdown may still be closing). */
async function pick(page: Page, inputId: string, text: string): Promise<void> {
  await page.locator(`#${inputId}`).fill(text);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active', { hasText: text }).last().waitFor();
  await page.keyboard.press('Enter');
}

jest.setTimeout(120_000);

const YEAR = currentBureauYear();
let system: RunningSystem;
let browser: Browser;
/** A webhook receiver on this machine (the gateway's allow-list names 127.0.0.1): the batches it was sent. */
let receiver: Server;
const received: unknown[][] = [];
const pages = new Map<string, Page>();
type Person = keyof typeof R_PEOPLE | 'system';

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push(JSON.parse(body) as unknown[]);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  system = await startSystem({ env: { SUBSCRIPTIONS_ALLOWED_HOSTS: '127.0.0.1' } });
  await loadRewardFixture(system.baseUrl, system.adminPassword, YEAR);
  browser = await openBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

async function as(person: Person): Promise<Page> {
  let page = pages.get(person);
  if (!page) {
    page = await browser.page();
    if (person === 'system') await signIn(page, system.baseUrl, 'admin', system.adminPassword);
    else await signIn(page, system.baseUrl, R_PEOPLE[person].username, R_PASSWORD);
    pages.set(person, page);
  }
  return page;
}
const go = (page: Page, path: string) => page.goto(system.baseUrl + path);
let selectionPath = '';

afterEach(() => shootTabs(pages, 'rewards-'));

describe('selecting outstanding members', () => {
  it('the leading group opens a selection for the policy’s honour', async () => {
    const page = await as('leading');
    await go(page, `/reward?year=${YEAR}`);
    await page.locator('#title').fill('优秀共产党员（机关）');
    await page.getByRole('button', { name: '发起评选' }).click();
    await toast(page, '评选已发起');
    await page.waitForURL(/\/reward\/selections\//);
    selectionPath = new URL(page.url()).pathname;
    await page.getByText('暂无符合条件的考核结果').waitFor();
    await page.locator('.ant-tag', { hasText: '提名中' }).first().waitFor();
  });

  it('the branch secretary nominates a member without a result this year, giving the reason asked for', async () => {
    const page = await as('secretary');
    await go(page, selectionPath);
    await choose(page, 'memberId', '王芳');
    await page.getByRole('button', { name: '提名' }).last().click();
    await page.locator('#reason_help').getByText('须说明提名理由').first().waitFor();
    await page.locator('#reason').fill('全年结对帮扶两名困难学生，群众评价高');
    await page.getByRole('button', { name: '提名' }).last().click();
    await toast(page, '已提名');
    await page.locator('.ant-table-row', { hasText: '王芳' }).getByText('全年结对帮扶两名困难学生').waitFor();
  });

  it('the leading group decides at its meeting, sees the printable list and announces it', async () => {
    const page = await as('leading');
    await go(page, selectionPath);
    await page.locator('.ant-table-row', { hasText: '王芳' }).first().waitFor();
    await page.getByRole('checkbox', { name: /王芳/ }).check();
    await page.locator('#meeting_minutes').fill('党组会议研究同意');
    await page.getByRole('button', { name: '记录研究决定' }).click();
    await toast(page, '决定已记录');
    await page.frameLocator('iframe.announcement-frame').getByText('王芳').first().waitFor();
    await page.getByRole('button', { name: '正式公布' }).click();
    await toast(page, '已公布');
    await page.locator('.ant-steps-item-finish, .ant-steps-item-process', { hasText: '已公布' }).first().waitFor();
  });

  it('the member sees the honour among her rewards and its certificate', async () => {
    const page = await as('member');
    await eventually(page, `${system.baseUrl}/member/rewards?year=${YEAR}`, () => page.locator('.ant-table-row', { hasText: '优秀共产党员' }));
    await page.locator('.ant-table-row', { hasText: '优秀共产党员' }).getByRole('button', { name: '荣誉证书' }).click();
    await page.frameLocator('iframe.certificate-frame').getByText('王芳').first().waitFor();
    await page.locator('.ant-modal').getByRole('button', { name: '取消' }).click();
  });
});

describe('grants', () => {
  it('the leading group grants a reward for a distinctive activity and exports the year’s rewards as CSV', async () => {
    const page = await as('leading');
    await go(page, `/reward/grants?year=${YEAR}`);
    await choose(page, 'recipient_id', '赵磊');
    await page.locator('#basis_id').fill('助学帮困月');
    await page.locator('#title').fill('承诺践诺特色活动先进个人');
    await page.locator('#amountYuan').fill('300');
    await page.getByRole('button', { name: '给予奖励' }).last().click();
    await toast(page, '奖励已记录');
    await eventually(page, `${system.baseUrl}/reward/grants?year=${YEAR}`, () => page.locator('.ant-table-row', { hasText: '承诺践诺特色活动先进个人' }));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('赵磊,承诺践诺特色活动先进个人,承诺活动有特色');
    expect(csv).toContain('王芳,优秀共产党员（机关）,评先选优');
  });
});

describe('statistics', () => {
  it('the bureau admin reads the tables and the chart since the start, and exports a table as the service writes it', async () => {
    const page = await as('admin');
    await go(page, '/stats?year=all');
    await page.getByText('临沂市统计局 · 开展以来').waitFor();
    await page.getByRole('tab', { name: '各年度' }).click();
    await page.locator('.ant-table-row', { hasText: '2011' }).getByText('165').first().waitFor();
    await page.locator('.figures-chart svg').waitFor();
    await page.getByRole('tab', { name: '下级单位汇总' }).click();
    await page.locator('.ant-table-row', { hasText: '临沂市统计局（本级）' }).waitFor();
    await page.locator('.ant-table-row', { hasText: '合计' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`statistics-${R_BUREAU}-all-roll-up.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('临沂市统计局');
  });
});

describe('the system admin', () => {
  it('sees the bureau tree as a hierarchy and a list', async () => {
    const page = await as('system');
    await eventually(page, `${system.baseUrl}/system/bureaus`, () => page.locator('.ant-tree-treenode', { hasText: '临沂市统计局（linyi-stats）' }));
    await page.locator('.ant-tree-treenode', { hasText: '山东省统计局（sd-stats）' }).waitFor();
    await page.locator('.ant-table-row', { hasText: 'linyi-stats' }).getByText('山东省统计局').waitFor();
  });

  it('creates a feed subscription (a problem beside its field first), pauses it and deletes it', async () => {
    const page = await as('system');
    await go(page, '/system/subscriptions');
    await pick(page, 'owner_bureauId', 'linyi-stats');
    await page.locator('#owner_subscriberId').fill('Records System!');
    await pick(page, 'bureauScope_bureauId', 'linyi-stats');
    await page.getByRole('button', { name: '创建订阅' }).click();
    await page.locator('#owner_subscriberId_help').waitFor();
    await page.locator('#owner_subscriberId').fill('records-system');
    await page.getByRole('button', { name: '创建订阅' }).click();
    await toast(page, '订阅已创建');
    await page.getByText('事件流订阅无需签名密钥').waitFor();
    const row = page.locator('.ant-table-row', { hasText: 'records-system@linyi-stats' });
    await row.getByRole('link').click();
    await page.getByRole('button', { name: '暂停' }).click();
    await toast(page, '已暂停推送');
    await page.locator('.ant-tag', { hasText: '已暂停' }).waitFor();
    await page.getByRole('button', { name: '删除' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
    await toast(page, '订阅已删除');
    await page.waitForURL(/\/system\/subscriptions$/);
    await closeDropdowns(page);
    await page.getByText('还没有订阅').waitFor();
  });

  it('creates a batched webhook (the gateway’s 400 beside the batch size first), sees its batch size and the events each request carried', async () => {
    const page = await as('system');
    await go(page, '/system/subscriptions');
    await pick(page, 'owner_bureauId', 'linyi-stats');
    await page.locator('#owner_subscriberId').fill('records-system');
    await pick(page, 'bureauScope_bureauId', 'linyi-stats');
    await expect(page.getByRole('switch', { name: '分批推送' }).count()).resolves.toBe(0);
    await page.locator('#target_url').fill(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/in`);
    await page.getByRole('switch', { name: '分批推送' }).click();
    await expect(page.locator('#target_batch_maxEvents').inputValue()).resolves.toBe('100');
    await page.locator('#target_batch_maxEvents').fill('5');
    // The field takes only 2 to 1,000; a size the gateway refuses anyway (sent as 1,001) comes back beside it.
    await page.route('**/api/v1/subscriptions', (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const body = route.request().postDataJSON() as { target: { url: string } };
      return route.continue({ postData: JSON.stringify({ ...body, target: { ...body.target, batch: { maxEvents: 1001 } } }) });
    });
    await page.getByRole('button', { name: '创建订阅' }).click();
    await page.locator('#target_batch_maxEvents_help').waitFor();
    if (process.env.CONSOLE_E2E_SHOTS) await page.screenshot({ path: join(process.env.CONSOLE_E2E_SHOTS, 'rewards-batched-subscription-form.png'), fullPage: true });
    await page.unroute('**/api/v1/subscriptions');
    await page.getByRole('button', { name: '创建订阅' }).click();
    await toast(page, '订阅已创建');
    await page.getByText('签名密钥只显示这一次').waitFor();
    const row = page.locator('.ant-table-row', { hasText: 'records-system@linyi-stats' });
    await row.getByText('每批最多 5 个事件').waitFor();
    await row.getByRole('link').click();
    await page.locator('.ant-descriptions').getByText('每批最多 5 个事件').waitFor();
    // The directory's events in scope, sent again from the start: five a request.
    const id = new URL(page.url()).pathname.split('/').pop()!;
    await call(system.baseUrl, await login(system.baseUrl, 'admin', system.adminPassword), 'POST', `/api/v1/subscriptions/${id}/replay`, { time: '2000-01-01T00:00:00Z' });
    await eventually(page, page.url(), () => page.locator('.ant-table-row', { hasText: '5 个事件' }));
    if (process.env.CONSOLE_E2E_SHOTS) await page.screenshot({ path: join(process.env.CONSOLE_E2E_SHOTS, 'rewards-batched-subscription-attempts.png'), fullPage: true });
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((batch) => Array.isArray(batch) && batch.length >= 1 && batch.length <= 5)).toBe(true);
    expect(received.some((batch) => batch.length === 5)).toBe(true);
    await page.getByRole('button', { name: '删除' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
    await toast(page, '订阅已删除');
  });
});

describe('the programme rules', () => {
  it('the bureau admin turns the yearly deed rule off for the year', async () => {
    const page = await as('admin');
    await go(page, `/admin/programme?year=${YEAR}`);
    await page.getByText('本年度使用默认规则').waitFor();
    await page.getByRole('switch', { name: '每年至少一条实事承诺' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await toast(page, '已保存');
    await page.getByText('本年度规则由本单位设定').waitFor();
  });
});

describe('accessibility of the reward, statistics and system pages', () => {

  it('finds no serious or critical violations', async () => {
    const visits: Array<[Person, string]> = [
      ['leading', `/reward?year=${YEAR}`],
      ['leading', selectionPath],
      ['leading', `/reward/grants?year=${YEAR}`],
      ['member', `/member/rewards?year=${YEAR}`],
      ['admin', '/stats?year=all'],
      ['admin', `/admin/programme?year=${YEAR}`],
      ['system', '/system/bureaus'],
      ['system', '/system/subscriptions'],
    ];
    const found = await seriousViolationsOn(visits, async (person, path) => {
      const page = await as(person);
      await go(page, path);
      return page;
    });
    expect(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0))).toEqual({});
  });
});
