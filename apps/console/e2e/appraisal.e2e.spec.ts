// The appraisal in a real browser (Debian's chromium) against the gateway and every service as
// processes: the group leader's monthly check, the secretary's grid, dispatch and reminder talk;
// the appraisal office's scheme (a problem shown beside its field, a research bonus rule saved and
// shown again after a reload), the leading group's approval,
// publication, the half-year round scored, the member's self-assessment (shown again after a
// reload) and the group's peer tally entered, explained and put on notice; the member seeing her
// result with its explanation and her check's photo, and objecting; the office dismissing the objection; an accessibility scan of the appraisal pages.
// The year is the one whose H1 round may open today (before June: last year, opened for late entry).
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startSystem, type RunningSystem } from '../scripts/system';
import { A_PASSWORD, A_PEOPLE, appraisalYear, loadAppraisalFixture } from './appraisal-fixture';
import { seriousViolationsOn } from './axe';
import { openBrowser, shootTabs, signIn, type Browser } from './browser';
import { choose, eventually, toast } from './ui';

jest.setTimeout(120_000);

// A half's round opens from the first day of its last month: H1 from June (ADR 0068), so the
// year is this one from June and last year before; the office's page offers H1 first either way.
const YEAR = appraisalYear();
const HALF = 'H1';
const HALF_LABEL = '上半年';
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let system: RunningSystem;
let browser: Browser;
const pages = new Map<string, Page>();

beforeAll(async () => {
  system = await startSystem();
  await loadAppraisalFixture(system.baseUrl, system.adminPassword, YEAR);
  browser = await openBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function as(person: keyof typeof A_PEOPLE): Promise<Page> {
  let page = pages.get(person);
  if (!page) {
    page = await browser.page();
    await signIn(page, system.baseUrl, A_PEOPLE[person].username, A_PASSWORD);
    pages.set(person, page);
  }
  return page;
}

const go = (page: Page, path: string) => page.goto(system.baseUrl + path);
/** The scheme editor's own submit button (the form's, not a dialog's). */
const saveButton = (page: Page) => page.locator('#main form button[type="submit"]');

afterEach(() => shootTabs(pages, 'appraisal-'));

describe('checks, dispatch and talks', () => {
  it('the group leader records the month’s check with an item behind', async () => {
    const page = await as('leader');
    await go(page, `/review/checks?year=${YEAR}`);
    await page.locator('#entries_0_items_1_status').waitFor();
    await choose(page, 'entries_0_items_1_status', '进度滞后');
    await page.locator('#entries_0_note').fill('岗位目标推进偏慢，需加快进度');
    // A photo of the member's work as evidence: uploaded when chosen, its hash sent with her entry.
    await page.locator('#main input[type=file]').setInputFiles({ name: '检查照片.png', mimeType: 'image/png', buffer: PHOTO });
    await page.locator('#main .ant-upload-list-item', { hasText: '检查照片.png' }).waitFor();
    await page.getByRole('button', { name: '记录本月检查' }).click();
    await toast(page, '月度检查已记录');
    await page.getByText('本月检查已由 赵磊').waitFor();
    // The recorded check shows it small, fetched from the check's own evidence route.
    await page.waitForFunction(() => ((document.querySelector('.ant-table img[alt="检查照片.png"]') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
  });

  it('the secretary sees the branch grid, holds the dispatch and records the reminder talk', async () => {
    const page = await as('secretary');
    await go(page, `/review/checks?year=${YEAR}`);
    await page.locator('.ant-table-row', { hasText: '综合党小组' }).getByText('已检查').waitFor();
    await go(page, `/review/dispatch?year=${YEAR}`);
    await page.locator('.ant-table-row', { hasText: '王芳' }).getByText('进度滞后').waitFor();
    await page.getByRole('button', { name: '记录季度调度会' }).click();
    await toast(page, '季度调度已记录');
    await eventually(page, `${system.baseUrl}/review/talks`, () => page.locator('.ant-table-row', { hasText: '王芳' }).getByRole('button', { name: '记录谈话' }));
    await page.locator('.ant-table-row', { hasText: '王芳' }).getByRole('button', { name: '记录谈话' }).click();
    await page.locator('#notes_analysis').fill('调查任务集中，时间安排不够合理');
    await page.locator('#actions').fill('每两周向党小组汇报一次进度\n支部安排同志结对协助');
    await page.locator('.ant-modal').getByRole('button', { name: '保存' }).click();
    await toast(page, '谈话已记录');
  });
});

describe('the appraisal office', () => {
  it('drafts the scheme, sees a problem beside its field, saves and submits it', async () => {
    const page = await as('office');
    await page.waitForURL(/\/appraisal$/);
    await go(page, `/appraisal?year=${YEAR}`);
    await page.getByRole('button', { name: '起草考核方案' }).click();
    await page.waitForURL(new RegExp(`/appraisal/schemes/${YEAR}/1$`));
    // No points for the items' completion this year: they go to the group's evaluation.
    await page.getByRole('button', { name: '删除 承诺事项完成情况' }).click();
    await page.locator('#content_criteria_3_maxPoints').fill('45');
    await page.locator('[data-testid="criteria-sum"]', { hasText: '指标分值合计 100 / 总分 100' }).waitFor();
    await saveButton(page).click();
    // The quota still breaks ties on the removed criterion: the service's problem shows beside the field.
    await page.locator('#content_topGradeQuota_tieBreakers_help').getByText(/tie-breakers name criteria of this scheme: items/).waitFor();
    await page.locator('#content_topGradeQuota_maxPercent').fill('');
    await saveButton(page).click();
    await toast(page, '已保存');
    // The research bonus counted per rated research work (a default and a level's own points):
    // saved, and the same rule in the form after a reload; then awarded by hand again.
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    await choose(page, 'content_bonuses_0_research_per', '按调研成果项数');
    await page.locator('#content_bonuses_0_research_pointsPerWork').fill('1.5');
    await page.getByRole('button', { name: '按类别或级别设分' }).click();
    await page.locator('#content_bonuses_0_research_levels_0_categoryId').fill('research-award');
    await page.locator('#content_bonuses_0_research_levels_0_levelId').fill('provincial');
    await page.locator('#content_bonuses_0_research_levels_0_points').fill('3');
    await saveButton(page).click();
    await toast(page, '已保存');
    await page.reload();
    await page.locator('#content_bonuses_0_research_levels_0_categoryId').waitFor();
    await page.locator('.ant-form-item', { has: page.locator('#content_bonuses_0_research_per') }).getByText('按调研成果项数', { exact: true }).waitFor();
    expect(await page.locator('#content_bonuses_0_research_pointsPerWork').inputValue()).toBe('1.50');
    expect(await page.locator('#content_bonuses_0_research_levels_0_levelId').inputValue()).toBe('provincial');
    expect(await page.locator('#content_bonuses_0_research_levels_0_points').inputValue()).toBe('3.00');
    if (process.env.CONSOLE_E2E_SHOTS) await page.locator('.ant-card', { hasText: '加分项' }).last().screenshot({ path: join(process.env.CONSOLE_E2E_SHOTS, 'appraisal-research-bonus-row.png') });
    await choose(page, 'content_bonuses_0_research_per', '手工加分');
    await saveButton(page).click();
    await toast(page, '已保存');
    await page.getByRole('button', { name: '提交领导小组审批' }).click();
    await toast(page, '已提交审批');
    await page.locator('.ant-tag', { hasText: '待审批' }).waitFor();
  });

  it('the leading group approves it and the office publishes it', async () => {
    const leading = await as('leading');
    await go(leading, `/appraisal/schemes/${YEAR}/1`);
    await leading.getByRole('button', { name: '批准方案' }).click();
    await toast(leading, '方案已批准');
    const page = await as('office');
    await go(page, `/appraisal/schemes/${YEAR}/1`);
    await page.getByRole('button', { name: '向全局公布' }).click();
    await toast(page, '方案已公布');
    await page.locator('.ant-tag', { hasText: '已公布' }).first().waitFor();
  });

  it('opens the round and scores what the office enters', async () => {
    const page = await as('office');
    await go(page, `/appraisal?year=${YEAR}`);
    await page.getByRole('button', { name: '开始考核' }).click();
    await page.waitForURL(new RegExp(`/appraisal/rounds/${YEAR}/${HALF}$`));
    await page.getByRole('heading', { name: `${YEAR}年${HALF_LABEL}考核` }).waitFor();
    await page.getByRole('button', { name: '计算系统指标得分' }).click();
    await toast(page, '系统指标已计分');
    for (const [criterion, points, note] of [
      ['组织评价', '30', '小组评价：工作扎实，群众认可度高'],
      ['有特色', '4', '结合岗位开展特色工作'],
    ] as const) {
      await page.getByRole('button', { name: '录入评分 王芳' }).click();
      await choose(page, 'itemId', criterion);
      await page.locator('#points').fill(points);
      await page.locator('#note').fill(note);
      await page.locator('.ant-modal').getByRole('button', { name: '保存' }).click();
      await toast(page, '已保存');
      await page.locator('.ant-modal').first().waitFor({ state: 'hidden' });
    }
  });

  it('the member assesses herself while the round is scored', async () => {
    const page = await as('member');
    await go(page, `/member/appraisal?year=${YEAR}`);
    const round = page.locator(`[data-testid="my-round-${HALF}"]`);
    await round.getByText('民主测评 · 自评').waitFor();
    await choose(page, `self-rating-${HALF}`, '较好');
    await round.getByRole('button', { name: '提交自评' }).click();
    await toast(page, '自评已提交');
    await round.getByRole('button', { name: '提交自评' }).waitFor({ state: 'detached' });
    // After a reload the page shows what she gave and when, not the form again.
    await page.reload();
    const given = page.locator(`[data-testid="my-self-${HALF}"]`);
    await given.getByText('较好').waitFor();
    await given.getByText('自评已提交，不能修改。').waitFor();
    await given.getByText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/).waitFor();
    expect(await round.getByRole('button', { name: '提交自评' }).count()).toBe(0);
  });

  it('enters the party group’s peer tally, reads a member’s explanation and puts the results on notice', async () => {
    const page = await as('office');
    await go(page, `/appraisal/rounds/${YEAR}/${HALF}`);
    await page.getByRole('spinbutton', { name: '王芳 得“好”票数' }).fill('2');
    await page.getByRole('button', { name: '录入互评票数' }).click();
    await toast(page, '互评票数已录入');
    await page.getByText('已录入互评的党小组：综合党小组').waitFor();
    await page.getByRole('button', { name: '查看得分说明 王芳' }).click();
    const explanation = page.locator('.ant-drawer [data-testid="explanation"]');
    await explanation.getByText('月度检查进度').waitFor();
    await explanation.getByText('民主测评').first().waitFor();
    await explanation.getByText('小组评价：工作扎实，群众认可度高').waitFor();
    // Each rule in the reader's language (the service's catalogue words them in English).
    await explanation.getByText('满分 × “已完成”或“按进度推进”的条目状态数 ÷ 本半年月度检查记录的全部条目状态数').waitFor();
    await explanation.getByText(/^满分 × 有票来源/).waitFor();
    expect(await explanation.getByText(/maximum|entered by/).count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '结果公示' }).click();
    await toast(page, '结果已公示');
    await page.locator('h1 .ant-tag', { hasText: '公示中' }).waitFor();
    await page.getByRole('tab', { name: '公示页' }).click();
    await page.frameLocator('iframe.notice-frame').getByText('王芳').first().waitFor();
  });
});

describe('the member', () => {
  it('sees her result with its explanation, her check and talk, and objects during the notice', async () => {
    const page = await as('member');
    await go(page, `/member/appraisal?year=${YEAR}`);
    const round = page.locator(`[data-testid="my-round-${HALF}"]`);
    await round.locator('.ant-tag', { hasText: '公示中' }).first().waitFor();
    await round.getByText('组织评价').first().waitFor();
    await round.getByText('小组评价：工作扎实，群众认可度高').waitFor();
    await page.getByText('岗位目标推进偏慢，需加快进度').waitFor();
    // The photo her group leader took at the check, small, fetched from the check's evidence route.
    await page.waitForFunction(() => ((document.querySelector('.ant-table img[alt="检查照片.png"]') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    await round.getByText('自评已提交，不能修改。').waitFor();
    await page.locator('.ant-tag', { hasText: '已谈话' }).first().waitFor();
    await round.getByRole('button', { name: '提出异议' }).click();
    await page.locator('#objection-text').fill('资助学生的践诺记录未计入，请核实');
    await page.locator('.ant-modal').getByRole('button', { name: '提交' }).click();
    await toast(page, '异议已提交考评办');
  });

  it('the office sees who objected and dismisses the objection with a reason', async () => {
    const page = await as('office');
    await eventually(page, `${system.baseUrl}/appraisal/rounds/${YEAR}/${HALF}`, () => page.locator('.ant-table-row', { hasText: '资助学生的践诺记录未计入' }));
    const row = page.locator('.ant-table-row', { hasText: '资助学生的践诺记录未计入' });
    await row.getByText('王芳').first().waitFor();
    await row.getByRole('button', { name: '驳回异议' }).click();
    await page.locator('#decision-reason').fill('经核实，践诺记录已按方案计分');
    await page.locator('.ant-modal').getByRole('button', { name: '驳回异议' }).click();
    await toast(page, '异议已驳回');
    await row.locator('.ant-tag', { hasText: '已驳回' }).waitFor();
  });
});

describe('accessibility of the appraisal pages', () => {

  it('finds no serious or critical violations', async () => {
    const visits: Array<[keyof typeof A_PEOPLE, string]> = [
      ['office', `/appraisal?year=${YEAR}`],
      ['office', `/appraisal/schemes/${YEAR}/1`],
      ['office', `/appraisal/rounds/${YEAR}/${HALF}`],
      ['office', `/appraisal/calendar?year=${YEAR}`],
      ['member', `/member/appraisal?year=${YEAR}`],
      ['leader', `/review/checks?year=${YEAR}`],
      ['secretary', `/review/checks?year=${YEAR}`],
      ['secretary', `/review/dispatch?year=${YEAR}`],
      ['secretary', '/review/talks'],
    ];
    const found = await seriousViolationsOn(visits, async (person, path) => {
      const page = await as(person);
      await go(page, path);
      return page;
    });
    expect(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0))).toEqual({});
  });
});
