// Objections to a selection on notice, research rewards and the reward policy in a real browser
// (Debian's chromium) against the gateway and every service as processes: the bureau admin
// objects to a member selected, the leading group sees who objected and what, is refused the
// announcement while the objection is open, and upholds it; a member submits a research work and
// the leading group rates it; the leading group saves the year's policy; axe scans the pages.
import type { Page } from 'playwright-core';
import { bureauDate, currentBureauYear } from '../src/format/format';
import { startSystem, type RunningSystem } from '../scripts/system';
import { seriousViolationsOn } from './axe';
import { openBrowser, shootTabs, signIn, type Browser } from './browser';
import { call as api, login } from './fixture';
import { loadRewardFixture, R_PASSWORD, R_PEOPLE } from './reward-fixture';
import { choose, toast } from './ui';

jest.setTimeout(120_000);

const YEAR = currentBureauYear();
let system: RunningSystem;
// Each person in a browser of their own, as on their own computers: one profile's HTTP cache
// would hand the leading group a selection body fetched by someone else (same ETag, no Vary).
const browsers: Browser[] = [];
const pages = new Map<string, Page>();
type Person = keyof typeof R_PEOPLE;

const call = (token: string, method: string, path: string, body?: unknown) => api(system.baseUrl, token, method, path, body);

/** A selection decided for 王芳 and on notice from today, and the year's research scheme, through the API. */
async function loadNoticeAndScheme(): Promise<void> {
  const leading = await login(system.baseUrl, R_PEOPLE.leading.username, R_PASSWORD);
  const secretary = await login(system.baseUrl, R_PEOPLE.secretary.username, R_PASSWORD);
  const { selectionId } = (await call(leading, 'POST', '/api/v1/rewards/selections', { year: YEAR, honourId: 'outstanding-member', quota: 2 })) as { selectionId: string };
  await call(secretary, 'POST', `/api/v1/rewards/selections/${selectionId}/nominations`, { memberId: 'wang-fang', reason: '帮扶困难群众成效突出' });
  const today = bureauDate(new Date());
  await call(leading, 'POST', `/api/v1/rewards/selections/${selectionId}/decision`, { meeting: { date: today, attendees: ['zhou-jun'] }, selected: ['wang-fang'] });
  const endsOn = bureauDate(new Date(Date.now() + 7 * 86_400_000));
  await call(leading, 'POST', `/api/v1/rewards/selections/${selectionId}/notice`, { startsOn: today, endsOn });
  await call(leading, 'PUT', `/api/v1/rewards/research/schemes/${YEAR}`, {
    categories: [{ categoryId: 'report', name: '调研报告', levels: [{ levelId: 'first', name: '一等', amountFen: 100_000 }, { levelId: 'second', name: '二等', amountFen: 50_000 }] }],
  });
}

beforeAll(async () => {
  system = await startSystem();
  await loadRewardFixture(system.baseUrl, system.adminPassword, YEAR);
  await loadNoticeAndScheme();
}, 300_000);
afterAll(async () => {
  for (const b of browsers) await b.close();
  await system?.stop();
});

async function as(person: Person): Promise<Page> {
  let page = pages.get(person);
  if (!page) {
    const browser = await openBrowser();
    browsers.push(browser);
    page = await browser.page();
    await signIn(page, system.baseUrl, R_PEOPLE[person].username, R_PASSWORD);
    pages.set(person, page);
  }
  return page;
}
const go = (page: Page, path: string) => page.goto(system.baseUrl + path);

afterEach(() => shootTabs(pages, 'reward-more-'));

describe('an objection to a selection on notice', () => {
  it('is raised by someone of the bureau; the leading group sees who and what, cannot announce, and upholds it', async () => {
    const admin = await as('admin');
    await go(admin, `/notices?year=${YEAR}`);
    await admin.getByRole('heading', { name: '评选公示与异议' }).waitFor();
    await choose(admin, 'memberId', '王芳');
    await admin.locator('#text').fill('该同志本年度帮扶台账与实际不符');
    await admin.getByRole('button', { name: '提出异议' }).click();
    await toast(admin, '异议已提交');
    // Others see that an objection was raised, not by whom.
    await admin.getByRole('cell', { name: '待处理' }).waitFor();
    expect(await admin.getByText('该同志本年度帮扶台账与实际不符').count()).toBe(0);

    const leading = await as('leading');
    await go(leading, `/notices?year=${YEAR}`);
    await leading.getByRole('cell', { name: '该同志本年度帮扶台账与实际不符' }).waitFor();
    await leading.getByRole('cell', { name: '叶红' }).waitFor();
    await leading.getByText('还有1条异议未处理').waitFor();
    // The service refuses the announcement while the notice runs (and while an objection is open): a 409 in words.
    await leading.getByRole('button', { name: '正式公布' }).click();
    await leading.getByRole('alert').filter({ hasText: '暂不能公布（409）' }).filter({ hasText: '公示期尚未结束' }).waitFor();

    await leading.getByRole('radio', { name: '维持异议（取消当选）' }).check();
    await leading.getByLabel('处理理由').fill('经核实台账不符，取消当选');
    await leading.getByRole('button', { name: '处理异议' }).click();
    await toast(leading, '异议已处理');
    await leading.getByRole('cell', { name: '已维持' }).waitFor();
    await leading.getByText('经核实台账不符，取消当选', { exact: false }).waitFor();
  });
});

describe('research rewards', () => {
  it('a member submits a work and the leading group rates it', async () => {
    const member = await as('member');
    await go(member, `/research?year=${YEAR}`);
    await member.locator('#submitWork_title').fill('关于县域经济运行的调研报告');
    await choose(member, 'submitWork_categoryId', '调研报告');
    await member.locator('#submitWork_evidence').fill('市委主要领导批示采用');
    await member.getByRole('button', { name: '提交成果' }).click();
    await toast(member, '成果已提交');
    await member.getByRole('cell', { name: '待评定' }).waitFor();

    const leading = await as('leading');
    await go(leading, `/research?year=${YEAR}`);
    await leading.getByRole('cell', { name: '关于县域经济运行的调研报告' }).waitFor();
    await leading.locator('.ant-table-row-expand-icon').first().click();
    const level = leading.locator('[id^="rate-"][id$="_levelId"]');
    await level.click({ force: true });
    await leading.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '一等' }).first().click();
    await leading.getByRole('button', { name: '评定' }).click();
    await toast(leading, '成果已评定');
    await leading.getByRole('cell', { name: '已评定' }).waitFor();
    await leading.getByRole('cell', { name: '一等 ¥1,000.00' }).waitFor();
  });
});

describe('the reward policy', () => {
  it('is saved by the leading group as a new version', async () => {
    const leading = await as('leading');
    await go(leading, `/reward/policy?year=${YEAR}`);
    await leading.getByText('现行第1版').waitFor();
    await leading.locator('#policy_note').fill('经局党组会议研究修订');
    await leading.getByRole('button', { name: '保存奖励办法' }).click();
    await toast(leading, '奖励办法已保存');
    await leading.getByText('现行第2版').waitFor();
  });
});

describe('accessibility of the objection, research and policy pages', () => {

  it('finds no serious or critical violations', async () => {
    const visits: Array<[Person, string]> = [
      ['leading', `/notices?year=${YEAR}`],
      ['member', `/notices?year=${YEAR}`],
      ['leading', `/research?year=${YEAR}`],
      ['leading', `/reward/policy?year=${YEAR}`],
    ];
    const found = await seriousViolationsOn(visits, async (person, path) => {
      const page = await as(person);
      await go(page, path);
      return page;
    });
    expect(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0))).toEqual({});
  });
});
