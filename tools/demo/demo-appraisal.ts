// The demo bureau's appraisal at work, through the public API (the gateway): the office and the
// calendar for the year, the published scheme, the first half year's monthly checks, a quarterly
// dispatch with its reminder talk, and the H1 round scored and on public notice. Safe to run
// again: what exists already is left as it is.
import { EXAMPLE_SCHEME } from '@pledgebook/appraisal-domain';
import { ApiClient } from './api-client';
import { until, once, localToday } from './steps';
import { BRANCH_OF_GROUP, BRANCH_SECRETARIES, DEMO_BUREAU, DEMO_YEAR, GROUP_LEADERS, notAfterToday } from './demo-bureau';

export interface DemoAppraisalOptions {
  gatewayUrl: string;
  admin: ApiClient;
  as(memberId: string): Promise<ApiClient>;
  log(line: string): void;
}

type RosterItem = { pledgeId: string; itemNo: number; dueQuarter?: number };
type Roster = { members: Array<{ memberId: string; items: RosterItem[] }> };

const OFFICE = ['li-haiming', 'cao-jun'];

/** An item's status in a month: deeds done once their quarter has begun; each branch's laggard behind on the position item in Q1. */
function statusOf(laggards: ReadonlySet<string>, memberId: string, item: RosterItem, month: number): string {
  if (laggards.has(memberId) && item.itemNo === 2 && month >= 2 && month <= 3) return 'behind';
  if (item.itemNo === 3) return month >= ((item.dueQuarter ?? 4) - 1) * 3 + 2 ? 'done' : month === 1 ? 'not-started' : 'on-track';
  return 'on-track';
}

export async function loadDemoAppraisal({ gatewayUrl, admin, as, log }: DemoAppraisalOptions): Promise<void> {
  const b = DEMO_BUREAU.bureauId;
  const Y = DEMO_YEAR;
  const base = `/api/v1/appraisals/bureaus/${b}`;
  const office = await as(OFFICE[0]!);
  await admin.send('PUT', `/api/v1/bureaus/${b}/appraisal-office/${Y}`, { staff: [{ memberId: 'li-haiming', duty: '考评办主任' }, { memberId: 'cao-jun', duty: '考评办成员' }] });
  // The appraisal service learns the directory, the office and the published books from the bus.
  const rosterOf = async (groupId: string, month: string) => (await as(GROUP_LEADERS[groupId]!)).send<Roster>('GET', `${base}/groups/${groupId}/checks/${month}/roster`);
  await until(() => rosterOf('group-1', `${Y}-01`), (r) => r.members.length > 0, 'the appraisal service learning the published books');
  await admin.send('PUT', `${base}/calendar/${Y}`, { holidays: [`${Y}-01-01`, `${Y}-05-01`, `${Y}-10-01`, `${Y}-10-02`, `${Y}-10-03`], makeUpWorkdays: [] });
  const v1 = `${base}/schemes/${Y}/versions/1`;
  // Until the office's assignment has reached the appraisal service, its staff are refused (403).
  await until(() => once(office.send('POST', `${base}/schemes/${Y}/versions`, { version: 1, content: EXAMPLE_SCHEME })).then(() => true), (drafted) => drafted, 'the appraisal office being known');
  await once(office.send('POST', `${v1}/submit`));
  await once((await as('zhou-jianguo')).send('POST', `${v1}/approve`));
  await office.send('POST', `${v1}/publish`);
  log(`appraisal: scheme ${Y} v1 published (${EXAMPLE_SCHEME.title})`);

  // Monthly checks of the first half year (the months begun so far), by each group's leader.
  const today = localToday();
  const months = [1, 2, 3, 4, 5, 6].filter((m) => `${Y}-0${m}` <= today.slice(0, 7));
  const laggards = new Set<string>();
  for (const groupId of ['group-1', 'group-4']) {
    const first = (await rosterOf(groupId, `${Y}-01`)).members[0];
    if (first) laggards.add(first.memberId);
  }
  let checks = 0;
  for (const m of months) {
    for (const groupId of Object.keys(GROUP_LEADERS)) {
      const month = `${Y}-0${m}`;
      const roster = await rosterOf(groupId, month);
      if (!roster.members.length) continue;
      const entries = roster.members.map((member) => ({
        memberId: member.memberId,
        note: laggards.has(member.memberId) && m >= 2 && m <= 3 ? '岗位目标推进滞后，需加快进度' : '按计划推进',
        items: member.items.map((item) => ({ pledgeId: item.pledgeId, itemNo: item.itemNo, status: statusOf(laggards, member.memberId, item, m) })),
      }));
      if (await once((await as(GROUP_LEADERS[groupId]!)).send('POST', `${base}/groups/${groupId}/checks/${month}`, { entries }))) checks += 1;
    }
  }
  log(`appraisal: ${checks} monthly checks recorded (${months.length} months, five party groups)`);

  // The first quarter's dispatch in each branch; branch-2 leaves its laggard out, with the reason.
  const meetingDate = notAfterToday(`${Y}-04-08`);
  for (const [branchId, secretaryId] of Object.entries(BRANCH_SECRETARIES)) {
    const secretary = await as(secretaryId);
    const preview = await secretary.send<{ branchMembers: string[]; membersBehind: Array<{ memberId: string }> }>('GET', `${base}/branches/${branchId}/dispatches/${Y}/1/preview`);
    const attendees = [secretaryId, ...Object.entries(GROUP_LEADERS).filter(([g]) => BRANCH_OF_GROUP[g] === branchId).map(([, leader]) => leader)].filter((id) => preview.branchMembers.includes(id));
    const leftOut = branchId === 'branch-2' ? preview.membersBehind.map((m) => ({ memberId: m.memberId, reason: '借调市局参加经济普查，已由支部另行谈心' })) : [];
    await once(secretary.send('POST', `${base}/branches/${branchId}/dispatches/${Y}/1`, { meeting: { date: meetingDate, attendees }, leftOut }));
  }
  const secretary = await as(BRANCH_SECRETARIES['branch-1']!);
  const talks = await until(() => secretary.send<{ items: Array<{ talkId: string; status: string }> }>('GET', `${base}/talks?branchId=branch-1&status=all`), (t) => t.items.length > 0, 'the reminder talk being scheduled');
  const talk = talks.items.find((t) => t.status === 'scheduled');
  if (talk) {
    const heldOn = notAfterToday(`${Y}-04-15`) < meetingDate ? meetingDate : notAfterToday(`${Y}-04-15`);
    const followUp = new Date(Date.parse(`${heldOn}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
    await secretary.send('POST', `${base}/talks/${talk.talkId}/record`, {
      heldOn,
      talkedBy: [BRANCH_SECRETARIES['branch-1']!, GROUP_LEADERS['group-1']!],
      notes: { analysis: '一季度统计调查任务集中，岗位承诺推进滞后；本人思想重视，时间安排不够合理', agreedActions: ['每两周向党小组汇报一次进度', '支部安排同志结对协助'] },
      followUpOn: followUp,
    });
  }
  log(`appraisal: first-quarter dispatch held in both branches, ${talks.items.length} reminder talk(s)`);

  if (today < `${Y}-06-01`) {
    log(`appraisal: the ${Y} first-half round opens from ${Y}-06-01`);
    return;
  }
  await once(office.send('POST', `${base}/rounds`, { year: Y, half: 'H1', schemeVersion: 1 }));
  const round = `${base}/rounds/${Y}/H1`;
  const state = await office.send<{ status: string; subjects: Array<{ memberId: string; groupId?: string }>; scoring: { massesCounted: boolean } }>('GET', round);
  if (state.status === 'scoring') {
    await office.send('POST', `${round}/computed-scores`);
    const subjects = state.subjects;
    for (const [i, { memberId }] of subjects.entries()) {
      const scorer = memberId === OFFICE[0] ? await as(OFFICE[1]!) : office;
      await scorer.send('PUT', `${round}/members/${memberId}/scores/group`, { points: 12 + (i % 4), note: i % 4 === 3 ? '小组评价：工作扎实，群众认可度高' : '小组评价：能够按承诺推进工作' });
      await scorer.send('PUT', `${round}/members/${memberId}/scores/distinct`, { points: 2 + (i % 3), note: '结合岗位开展特色工作' });
      await once((await as(memberId)).send('POST', `${round}/self-assessment`, { rating: i % 5 === 4 ? 'fair' : 'good' }));
    }
    if (subjects[0]) await (subjects[0].memberId === OFFICE[0] ? await as(OFFICE[1]!) : office).send('PUT', `${round}/members/${subjects[0].memberId}/bonuses/research-award`, { points: 3, reason: '统计分析报告获市级优秀成果奖' });
    for (const groupId of new Set(subjects.flatMap((s) => (s.groupId ? [s.groupId] : [])))) {
      const inGroup = subjects.filter((s) => s.groupId === groupId);
      const votes = Math.max(0, inGroup.length - 1);
      await once(office.send('POST', `${round}/peer-tallies`, { groupId, tallies: inGroup.map((s, i) => ({ memberId: s.memberId, counts: { good: i % 3 === 2 ? Math.max(0, votes - 1) : votes, fair: i % 3 === 2 && votes > 0 ? 1 : 0, average: 0, poor: 0 } })) }));
    }
    // The masses' evaluation: codes handed out at a meeting, ballots cast without an account.
    if (!state.scoring.massesCounted) {
      const { codes } = await office.send<{ codes: string[] }>('POST', `${round}/ballot-codes`, { count: 12 });
      const anonymous = new ApiClient(gatewayUrl);
      for (const [n, code] of codes.slice(0, 9).entries()) {
        await anonymous.send('POST', '/api/v1/appraisals/ballots', { bureauId: b, code, ratings: subjects.map((s, i) => ({ memberId: s.memberId, rating: (i + n) % 7 === 0 ? 'fair' : 'good' })) });
      }
      await office.send('POST', `${round}/masses-tally`);
    }
    await office.send('POST', `${round}/notice`, {});
    log(`appraisal: the ${Y} first-half round of ${subjects.length} members is on public notice (5 working days)`);
  }
}
