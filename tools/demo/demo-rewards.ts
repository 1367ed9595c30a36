// The demo bureau's rewards, through the public API (the gateway): the year's reward policy, a
// selection of outstanding members (評先選優) nominated by the branch secretaries, decided by the
// leading group at a meeting and announced (its grants follow), grants for a distinctive activity,
// the research reward scheme with works submitted and rated, and opening totals for the years
// before the system, so the figures "since 2011" are whole. Safe to run again.
import type { ApiClient } from './api-client';
import { until, once, localToday } from './steps';
import { DEMO_BUREAU, DEMO_YEAR } from './demo-bureau';

export interface DemoRewardsOptions {
  admin: ApiClient;
  as(memberId: string): Promise<ApiClient>;
  log(line: string): void;
}

const LEADING = 'zhou-jianguo';

const POLICY = {
  honours: [
    {
      honourId: 'outstanding-member',
      title: '优秀共产党员',
      award: 'selection',
      eligibleGrades: ['excellent'],
      consecutiveTopGrades: 2,
      quota: 3,
      reward: { spiritual: ['honour-title', 'certificate'], material: { kind: 'money', amountFen: 100_000 } },
    },
    { honourId: 'fulfilment-commendation', title: '践诺考核优秀表扬', award: 'automatic', eligibleGrades: ['excellent'], reward: { spiritual: ['commendation'], material: { kind: 'money', amountFen: 20_000 } } },
  ],
  note: '考核结果作为评先选优的重要依据；连续两次考核优秀者方可推荐为优秀共产党员',
};

const SCHEME = {
  appraisalBonus: true,
  note: '统计信息、分析调研奖励办法',
  categories: [
    { categoryId: 'adopted-information', name: '信息被领导批示采用', levels: [{ levelId: 'provincial', name: '省级领导批示', amountFen: 100_000, bonusPoints: 2 }, { levelId: 'city', name: '市级领导批示', amountFen: 50_000, bonusPoints: 1 }] },
    { categoryId: 'analysis-report', name: '统计分析报告', levels: [{ levelId: 'first', name: '一等', amountFen: 80_000, bonusPoints: 1 }, { levelId: 'second', name: '二等', amountFen: 50_000 }, { levelId: 'third', name: '三等', amountFen: 30_000 }] },
    { categoryId: 'research-award', name: '调研成果获奖', levels: [{ levelId: 'provincial', name: '省级奖', amountFen: 150_000, bonusPoints: 3 }, { levelId: 'city', name: '市级奖', amountFen: 80_000, bonusPoints: 1 }] },
  ],
};

const WORKS = [
  { title: '关于全市人口抽样调查数据质量的分析', categoryId: 'analysis-report', authors: ['he-min', 'ma-lin'], evidence: ['局统计分析报告评审会纪要'], rate: { by: 'li-haiming', levelId: 'first' } },
  { title: '规上工业增速回落原因及对策建议', categoryId: 'adopted-information', authors: ['tian-ye'], evidence: ['市政府办公室《每日要情》采用并获市领导批示'], rate: { by: LEADING, levelId: 'city' } },
  { title: '农村居民收入增长情况调研', categoryId: 'research-award', authors: ['xie-hua', 'han-dong', 'tang-li'], evidence: ['市社科联调研成果评审结果'] },
] as const;

/** Years before the system, from the bureau's own records (the report's "since 2011": 165 deeds, 65 people, over 20,000 yuan). */
const OPENING_YEARS = (firstSystemYear: number) => Array.from({ length: Math.max(0, firstSystemYear - 2011) }, (_, i) => 2011 + i);

export async function loadDemoRewards({ admin, as, log }: DemoRewardsOptions): Promise<void> {
  const b = DEMO_BUREAU.bureauId;
  const leading = await as(LEADING);
  // The reward service learns the directory from the bus.
  await until(() => leading.send<{ branchId?: string }>('GET', '/api/v1/rewards/members/xiao-yun'), (m) => m.branchId === 'branch-2', 'the reward service learning the directory');
  await leading.send('PUT', `/api/v1/rewards/policies/${DEMO_YEAR}`, POLICY);

  // 评先选优: opened by the leading group, nominated by the secretaries (no final result yet this year: with reasons).
  const { items } = await leading.send<{ items: Array<{ selectionId: string; status: string }> }>('GET', `/api/v1/rewards/selections?year=${DEMO_YEAR}`);
  const selectionId = items[0]?.selectionId ?? (await leading.send<{ selectionId: string }>('POST', '/api/v1/rewards/selections', { year: DEMO_YEAR, honourId: 'outstanding-member', quota: 3 })).selectionId;
  const nominations = [
    ['wang-xiaodong', 'sun-li', '全年资助两名困难学生，带头开展统计普法宣传'],
    ['wang-xiaodong', 'zheng-yan', '综合统计工作获全省一流，实事承诺全部兑现'],
    ['peng-bo', 'xiao-yun', '联网直报上报率全市第一，坚持到福利院做义工'],
    [LEADING, 'du-juan', '统计执法检查成效突出，组织党员承诺日活动'],
  ] as const;
  for (const [by, memberId, reason] of nominations) await once((await as(by)).send('POST', `/api/v1/rewards/selections/${selectionId}/nominations`, { memberId, reason }));
  const meeting = { date: localToday(), attendees: [LEADING, 'liu-hongmei', 'chen-zhiqiang'], minutes: '领导小组会议研究，依据考核结果和推荐情况确定人选' };
  await once(leading.send('POST', `/api/v1/rewards/selections/${selectionId}/decision`, { meeting, selected: ['sun-li', 'xiao-yun', 'du-juan'] }));
  await once(leading.send('POST', `/api/v1/rewards/selections/${selectionId}/announcement`, {}));

  // Rewards for distinctive activity: a unit and a member.
  const activity = (id: string) => ({ type: 'activity', id });
  await once(leading.send('POST', '/api/v1/rewards/grants', { year: DEMO_YEAR, recipient: { type: 'unit', id: 'branch-1' }, ground: 'distinctive-activity', basis: activity('党员承诺日海滨义务清理'), title: '承诺活动特色党支部', spiritual: ['commendation', 'certificate'] }));
  await once(
    leading.send('POST', '/api/v1/rewards/grants', {
      year: DEMO_YEAR,
      recipient: { type: 'member', id: 'tang-li' },
      ground: 'distinctive-activity',
      basis: activity('结对帮扶东院村'),
      title: '结对帮扶先进个人',
      spiritual: ['commendation'],
      material: { kind: 'goods', goods: '统计业务书籍一套', valueFen: 30_000 },
    }),
  );

  // The research reward scheme: works submitted by their authors, rated by someone who is not one.
  await leading.send('PUT', `/api/v1/rewards/research/schemes/${DEMO_YEAR}`, SCHEME);
  const existing = (await leading.send<{ items: Array<{ title: string }> }>('GET', `/api/v1/rewards/research/works?year=${DEMO_YEAR}&limit=200`)).items.map((w) => w.title);
  for (const work of WORKS) {
    if (existing.includes(work.title)) continue;
    const author = await as(work.authors[0]);
    const { workId } = await author.send<{ workId: string }>('POST', '/api/v1/rewards/research/works', { year: DEMO_YEAR, title: work.title, categoryId: work.categoryId, authors: work.authors, evidence: work.evidence });
    if ('rate' in work) await (await as(work.rate.by)).send('POST', `/api/v1/rewards/research/works/${workId}/rating`, { levelId: work.rate.levelId });
  }

  // Opening totals for the years before the bureau used the system.
  const years = OPENING_YEARS(DEMO_YEAR - 1);
  const share = (total: number, i: number) => Math.floor(total / years.length) + (i < total % years.length ? 1 : 0);
  for (const [i, year] of years.entries()) {
    await admin.send('PUT', `/api/v1/statistics/bureaus/${b}/opening-totals/${year}`, {
      booksPublished: share(330, i),
      deedsPledged: share(160, i),
      deedsDone: share(150, i),
      peopleAided: share(60, i),
      amountFen: share(2_000_000, i),
      volunteerHours: share(1_200, i),
      note: '据局机关党支部历年台账',
    });
  }
  const grants = await until(() => leading.send<{ items: unknown[] }>('GET', `/api/v1/rewards/grants?year=${DEMO_YEAR}&limit=200`), (g) => g.items.length >= 7, 'the selection’s and research grants');
  log(`rewards: a decided and announced selection (3 members), ${grants.items.length} grants, 2 rated research works, opening totals for ${years.length} years`);
}
