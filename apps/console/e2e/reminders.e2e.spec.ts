// Reminders in the browser (ADR 0072): the secretary returns an item of a member's book in the
// console; the member sees the unread count in the header, the reminder in her inbox with its kind
// in words, opens the book from it, marks it read, mutes the kind (a bad address shown beside its
// field first); an axe scan of the inbox and the account page. The system runs as processes.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startSystem, type RunningSystem } from '../scripts/system';
import { seriousViolations } from './axe';
import { openBrowser, shootTabs, signIn, type Browser } from './browser';
import { PASSWORD, PEOPLE, YEAR, call as api, loadFixture, login, until } from './fixture';
import { choose, closeDropdowns, eventually, toast } from './ui';

jest.setTimeout(120_000);

let system: RunningSystem;
let browser: Browser;
let pledgeId: string;

const call = <T = Record<string, unknown>>(token: string, method: string, path: string, body?: unknown): Promise<T> => api<T>(system.baseUrl, token, method, path, body);

beforeAll(async () => {
  system = await startSystem();
  await loadFixture(system.baseUrl, system.adminPassword);
  // The member's book drafted and submitted, and forwarded by her group leader, through the API.
  const [member, leader] = await Promise.all([login(system.baseUrl, PEOPLE.member.username, PASSWORD), login(system.baseUrl, PEOPLE.leader.username, PASSWORD)]);
  ({ pledgeId } = await call<{ pledgeId: string }>(member, 'POST', '/api/v1/pledges', {
    year: YEAR,
    pledger: { type: 'individual', memberIds: [PEOPLE.member.memberId] },
    items: [
      { kind: 'common', area: 'theory-study', text: '每月精读一本理论著作，撰写学习心得', target: '全年12篇心得' },
      { kind: 'position', text: '把人口抽样调查做到全省一流', target: '数据质量全省前三', benchmark: true },
      { kind: 'deed', category: 'student-aid', text: '资助一名家庭困难学生完成学业', target: '全年不少于4次', beneficiary: { type: 'school', name: '环翠区望岛小学', arrangedByBranch: false }, dueQuarter: 4 },
    ],
  }));
  await call(member, 'POST', `/api/v1/pledges/${pledgeId}/submit`);
  await until(() => call<{ status: string }>(leader, 'GET', `/api/v1/reviews/${pledgeId}`), (r) => r.status === 'group', 'the review opening');
  await call(leader, 'POST', `/api/v1/reviews/${pledgeId}/group-evaluation`, { decision: 'forward', evaluation: '同意提交支部' });
  browser = await openBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

const pages = new Map<string, Page>();
async function as(person: keyof typeof PEOPLE): Promise<Page> {
  let page = pages.get(person);
  if (!page) {
    page = await browser.page();
    await signIn(page, system.baseUrl, PEOPLE[person].username, PASSWORD);
    pages.set(person, page);
  }
  return page;
}

// With CONSOLE_E2E_SHOTS=<dir>, what each tab showed after every step.
afterEach(() => shootTabs(pages, 'reminders-'));

const badge = (page: Page) => page.getByTestId('inbox-badge');

describe('a reminder reaches the member', () => {
  it('the member has no unread reminder before the return', async () => {
    const page = await as('member');
    await page.goto(`${system.baseUrl}/inbox`);
    await page.getByRole('heading', { level: 1, name: '我的提醒' }).waitFor();
    await page.getByText('暂无提醒').waitFor();
    expect(await badge(page).getAttribute('data-unread')).toBe('0');
  });

  it('the branch secretary returns one item in the console', async () => {
    const page = await as('secretary');
    await eventually(page, `${system.baseUrl}/review/${pledgeId}`, () => page.locator('#verdicts_1_verdict'));
    await page.locator('#verdicts_1_verdict').getByText('退回修改').click();
    await page.locator('#verdicts_1_reason').fill('目标要写明可检查的名次');
    await choose(page, 'meeting_attendees', '李明');
    await closeDropdowns(page);
    await page.getByRole('button', { name: '记录支部审议结论' }).click();
    await toast(page);
    await page.locator('.ant-tag', { hasText: '已退回' }).first().waitFor();
  });

  it('the member sees the count in the header and the reminder in words in her inbox', async () => {
    const page = await as('member');
    await eventually(page, `${system.baseUrl}/inbox`, () => page.locator('[data-testid="inbox-badge"][data-unread="1"]'), 60_000);
    expect(await badge(page).getAttribute('aria-label')).toBe('我的提醒，1条未读');
    await badge(page).locator('.ant-badge-count').waitFor();
    const row = page.getByTestId('reminder-book-returned');
    await row.and(page.locator('[data-read="false"]')).waitFor();
    await row.getByText('承诺书被退回修改').waitFor();
    await row.getByText('您的承诺书（第1轮）被支部退回，需修改的条目：2').waitFor();
    await page.getByText('未读 1 条').waitFor();
  });

  it('opens the book from the reminder, which marks it read and clears the count', async () => {
    const page = await as('member');
    await page.getByTestId('reminder-book-returned').getByRole('link', { name: /^查看/ }).click();
    await page.waitForURL(`**/member/books/${pledgeId}`);
    await page.getByText('退回意见：目标要写明可检查的名次').first().waitFor();
    await page.locator('[data-testid="inbox-badge"][data-unread="0"]').waitFor();
    await page.goto(`${system.baseUrl}/inbox`);
    await page.locator('[data-testid="reminder-book-returned"][data-read="true"]').waitFor();
    await page.getByText('未读 0 条').waitFor();
  });

  it('mutes the kind on the account page, after a bad address is shown beside its field', async () => {
    const page = await as('member');
    await page.goto(`${system.baseUrl}/account`);
    const card = page.locator('#reminder-settings');
    await card.getByRole('heading', { name: '提醒设置' }).waitFor();
    await card.getByText('本系统未配置邮件服务器，目前提醒只在系统内显示。').waitFor();
    await card.getByRole('checkbox', { name: '承诺书被退回修改' }).check();
    await card.getByLabel('电子邮箱').fill('not an address');
    await card.getByRole('button', { name: '保存' }).click();
    // The gateway's 400 names /email: shown under the address, the ticked kind kept.
    await card.locator('#email_help .ant-form-item-explain-error').waitFor();
    expect(await card.getByRole('checkbox', { name: '承诺书被退回修改' }).isChecked()).toBe(true);
    await card.getByLabel('电子邮箱').fill('wang.fang@example.cn');
    await card.getByRole('button', { name: '保存' }).click();
    await toast(page, '提醒设置已保存');
    const token = await login(system.baseUrl, PEOPLE.member.username, PASSWORD);
    const saved = await call<{ muted: string[]; email: string | null }>(token, 'GET', '/api/v1/me/reminder-settings');
    expect(saved).toMatchObject({ muted: ['book-returned'], email: 'wang.fang@example.cn' });
    // Read back as saved after a reload.
    await page.reload();
    await card.locator('.ant-checkbox-wrapper-checked', { hasText: '承诺书被退回修改' }).waitFor();
    await page.waitForFunction(() => (document.querySelector('#reminder-settings #email') as HTMLInputElement | null)?.value === 'wang.fang@example.cn');
    expect(await card.locator('.ant-checkbox-wrapper-checked').count()).toBe(1);
  });
});

describe('accessibility of the inbox and the account page', () => {

  it('finds no serious or critical violations', async () => {
    const page = await as('member');
    const found: Record<string, string[]> = {};
    for (const path of ['/inbox', '/account']) {
      await page.goto(system.baseUrl + path);
      await page.locator('h1').first().waitFor();
      await page.locator('.ant-table, #reminder-settings form').first().waitFor();
      found[path] = await seriousViolations(page);
      if (process.env.CONSOLE_E2E_SHOTS) await page.screenshot({ path: join(process.env.CONSOLE_E2E_SHOTS, `reminders${path.replace('/', '-')}.png`), fullPage: true });
    }
    expect(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0))).toEqual({});
  });
});
