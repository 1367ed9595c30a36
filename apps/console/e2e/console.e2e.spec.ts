// The console in a real browser (Debian's chromium) against the gateway and every service as
// processes, on a bureau loaded through the API: a pledge book from draft to print, review with
// a returned item, the auditor's as-of view and a tampered event store, a second bureau that sees
// nothing, and an accessibility scan of the main pages.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startSystem, type RunningSystem } from '../scripts/system';
import { seriousViolations } from './axe';
import { openBrowser, shootTabs, signIn, type Browser } from './browser';
import { BUREAU, PASSWORD, PEOPLE, YEAR, loadFixture } from './fixture';
import { choose, closeDropdowns, eventually, toast } from './ui';

jest.setTimeout(120_000);

let system: RunningSystem;
let browser: Browser;
let pledgeId: string;
const pages = new Map<string, Page>();

beforeAll(async () => {
  system = await startSystem();
  await loadFixture(system.baseUrl, system.adminPassword);
  browser = await openBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

/** One tab per person, signed in once (each tab keeps its own session). */
async function as(person: keyof typeof PEOPLE): Promise<Page> {
  let page = pages.get(person);
  if (!page) {
    page = await browser.page();
    await signIn(page, system.baseUrl, PEOPLE[person].username, PASSWORD);
    pages.set(person, page);
  }
  return page;
}

const go = (page: Page, path: string) => page.goto(system.baseUrl + path);

// With CONSOLE_E2E_SHOTS=<dir>, what each person's tab showed after every step (for diagnosing a failure).
afterEach(() => shootTabs(pages, '', false));

describe('a pledge book through the console', () => {
  it('a member drafts the three kinds of items and submits', async () => {
    const page = await as('member');
    await go(page, `/member/book?year=${YEAR}`);
    await page.getByText(`您${YEAR}年还没有个人承诺书。`).waitFor();
    await page.locator('#items_0_text').fill('每月精读一本理论著作，撰写学习心得');
    await page.locator('#items_0_target').fill('全年12篇心得');
    await page.locator('#items_1_text').fill('把人口抽样调查做到全省一流');
    await page.locator('#items_1_target').fill('数据质量全省前三');
    await page.locator('#items_2_text').fill('资助一名家庭困难学生完成学业');
    await page.locator('#items_2_target').fill('全年不少于4次');
    await choose(page, 'items_2_category', '助学帮困');
    await page.locator('#items_2_beneficiary_name').fill('环翠区望岛小学');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByRole('button', { name: '提交党小组讨论' }).waitFor();
    await page.getByRole('button', { name: '提交党小组讨论' }).click();
    await page.locator('.ant-tag', { hasText: '已提交' }).first().waitFor();
  });

  it('the group leader forwards it to the branch', async () => {
    const page = await as('leader');
    await eventually(page, `${system.baseUrl}/review/queue`, () => page.getByRole('link', { name: '王芳' }));
    await page.getByRole('link', { name: '王芳' }).click();
    await page.waitForURL(/\/review\/[0-9a-f-]{36}$/);
    pledgeId = page.url().split('/').pop()!;
    await page.locator('#evaluation').fill('小组讨论认为承诺符合岗位实际，同意提交支部');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await toast(page);
    await page.locator('.ant-tag', { hasText: '支部审议中' }).first().waitFor();
  });

  it('the branch secretary returns one item with a reason', async () => {
    const page = await as('secretary');
    await eventually(page, `${system.baseUrl}/review/${pledgeId}`, () => page.locator('#verdicts_1_verdict'));
    await page.locator('.ant-card-head-title', { hasText: '第2条 · 把人口抽样调查做到全省一流' }).waitFor();
    await page.locator('#verdicts_1_verdict').getByText('退回修改').click();
    await page.locator('#verdicts_1_reason').fill('目标要写明可检查的名次');
    await choose(page, 'meeting_attendees', '李明');
    await choose(page, 'meeting_attendees', '王芳');
    await closeDropdowns(page);
    await page.getByRole('button', { name: '记录支部审议结论' }).click();
    await toast(page);
    await page.locator('.ant-tag', { hasText: '已退回' }).first().waitFor();
  });

  it('the member sees the returned item with its reason, revises it and submits again', async () => {
    const page = await as('member');
    await eventually(page, `${system.baseUrl}/member/book?year=${YEAR}`, () => page.getByText('承诺书被退回，请按意见修改标出的条目后重新提交。'));
    await page.getByText('退回意见：目标要写明可检查的名次').first().waitFor();
    await page.locator('#items_1_target').fill('人口抽样调查数据质量全省前三名');
    await page.getByRole('button', { name: '提交党小组讨论' }).click();
    await page.locator('.ant-tag', { hasText: '已提交' }).first().waitFor();
  });

  it('the secretary approves every item and publishes the branch’s books', async () => {
    const page = await as('secretary');
    await eventually(page, `${system.baseUrl}/review/queue`, () => page.getByRole('link', { name: '王芳' }));
    await page.getByRole('link', { name: '王芳' }).click();
    await page.locator('#verdicts_1_reason').waitFor({ state: 'detached' });
    await choose(page, 'meeting_attendees', '李明');
    await closeDropdowns(page);
    await page.getByRole('button', { name: '记录支部审议结论' }).click();
    await toast(page);
    await page.locator('.ant-tag', { hasText: '已通过' }).first().waitFor();
    await go(page, `/review/branch?year=${YEAR}`);
    await page.getByRole('button', { name: '公开已通过的承诺书' }).click();
    await toast(page, '已公开1份承诺书');
    await eventually(page, `${system.baseUrl}/review/branch?year=${YEAR}`, () => page.getByRole('link', { name: '王芳' }));
  });

  it('the member records a deed in yuan, and prints the booklet', async () => {
    const page = await as('member');
    await eventually(page, `${system.baseUrl}/member/book?year=${YEAR}`, () => page.getByRole('button', { name: '记录践诺' }));
    await page.getByRole('button', { name: '记录践诺' }).click();
    await page.locator('#recordedOn').click();
    await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-today-btn, .ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-now-btn').first().click();
    await page.locator('#narrative').fill('走访资助学生家庭，送去学习用品和助学金');
    await page.locator('#peopleAided').fill('1');
    await page.locator('#amountYuan').fill('500.5');
    // A photo as evidence: uploaded when chosen, its hash sent with the record, shown small in the list.
    const photo = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    await page.locator('.ant-modal input[type=file]').setInputFiles({ name: '走访照片.png', mimeType: 'image/png', buffer: photo });
    await page.locator('.ant-modal .ant-upload-list-item', { hasText: '走访照片.png' }).waitFor();
    await page.locator('.ant-modal').getByRole('button', { name: '保存' }).click();
    await toast(page, '践诺记录已保存');
    await page.getByText('帮扶1人 · 捐助¥500.50 · 服务0小时').waitFor();
    await page.waitForFunction(() => ((document.querySelector('.ant-table img[alt="走访照片.png"]') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    await go(page, `/member/booklet?year=${YEAR}`);
    const frame = page.frameLocator('iframe.booklet-frame');
    await frame.getByText('每月精读一本理论著作，撰写学习心得').waitFor();
    // Printed as paper would be: the booklet's own document rendered to PDF by the browser.
    const html = await page.locator('iframe.booklet-frame').getAttribute('srcdoc');
    const print = await browser.page();
    await print.setContent(html!);
    const pdf = await print.pdf({ format: 'A4' });
    await print.close();
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    expect(pdf.length).toBeGreaterThan(5_000);
  });
});

describe('the auditor', () => {
  it('moves the as-of slider back to the first event and sees the draft', async () => {
    const page = await as('auditor');
    await go(page, `/audit/${pledgeId}`);
    await page.locator('[data-testid="verification"][data-ok="true"]').waitFor();
    await page.locator('[data-testid="as-of-book"][data-status="published"]').waitFor();
    const slider = page.getByRole('slider');
    await slider.focus();
    await page.keyboard.press('Home');
    await page.locator('[data-testid="as-of-book"][data-status="draft"][data-revision="0"]').waitFor();
    await page.getByText('资助一名家庭困难学生完成学业').first().waitFor();
    // The first draft's target for item 2, before the return and revision.
    await page.locator('[data-testid="as-of-book"]').getByText('数据质量全省前三', { exact: true }).waitFor();
    await page.keyboard.press('End');
    await page.locator('[data-testid="as-of-book"][data-status="published"]').waitFor();
  });

  it('sees verification fail after a row of the event store is altered', async () => {
    const db = new Database(join(system.dataDir, 'eventstore.db'));
    try {
      const row = db.prepare('SELECT data FROM events WHERE stream = ? AND revision = 0').get(`pledge-${pledgeId}`) as { data: string };
      db.prepare('UPDATE events SET data = ? WHERE stream = ? AND revision = 0').run(row.data.replace('全年12篇心得', '全年2篇心得'), `pledge-${pledgeId}`);
    } finally {
      db.close();
    }
    const page = await as('auditor');
    await go(page, `/audit/${pledgeId}`);
    await page.locator('[data-testid="verification"][data-ok="false"]').waitFor();
    await page.getByText('校验失败：记录在第0号之后被改动').waitFor();
  });
});

describe('another bureau', () => {
  it('sees nothing of this one', async () => {
    const page = await browser.page();
    await signIn(page, system.baseUrl, 'yt-auditor', PASSWORD);
    await go(page, `/audit?year=${YEAR}`);
    await page.locator('.ant-table').first().waitFor();
    await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    expect(await page.locator('.ant-table-row').count()).toBe(0);
    await go(page, `/audit/${pledgeId}`);
    await page.locator('[role="alert"]').first().waitFor();
    await go(page, `/member/books/${pledgeId}`);
    await page.locator('[role="alert"]').first().waitFor();
    await go(page, '/admin/accounts');
    await page.locator('.ant-table').first().waitFor();
    await page.waitForLoadState('networkidle');
    const text = await page.locator('body').innerText();
    for (const secret of ['王芳', '每月精读', 'wang-fang', 'li-ming', BUREAU]) expect(text).not.toContain(secret);
    await page.close();
  });
});

describe('accessibility', () => {

  it('finds no serious or critical violations on the main pages', async () => {
    const found: Record<string, string[]> = {};
    const scan = await browser.page();
    await go(scan, '/login');
    await scan.locator('#username').waitFor();
    found['/login'] = await seriousViolations(scan);
    await signIn(scan, system.baseUrl, PEOPLE.admin.username, PASSWORD);
    for (const path of [`/member/book?year=${YEAR}`, `/member/books/${pledgeId}`, `/member/booklet?year=${YEAR}`, '/admin/directory', '/admin/accounts', '/admin/deadlines', '/account']) {
      await go(scan, path);
      await scan.locator('h1').first().waitFor();
      found[path] = await seriousViolations(scan);
    }
    for (const [person, path] of [['secretary', '/review/queue'], ['secretary', `/review/${pledgeId}`], ['secretary', `/review/branch?year=${YEAR}`], ['auditor', `/audit?year=${YEAR}`], ['auditor', `/audit/${pledgeId}`]] as const) {
      const page = await as(person);
      await go(page, path);
      await page.locator('h1').first().waitFor();
      found[path] = await seriousViolations(page);
    }
    expect(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0))).toEqual({});
  });
});
