// The appraisal service as a process, fed the pledge service's and the reward service's events on
// the bus: research works rated (one delivered twice, one share's grant revoked, one rated on the
// half's last evening UTC, already the next half in the bureau's time) become the research bonus
// of the computed scores, explained line by line; bad research settings and a manual award of the
// computed bonus are refused with nothing written.
import { EXAMPLE_SCHEME } from '@pledgebook/appraisal-domain';
import type { Caller, Harness, Reply } from '@pledgebook/nest/testing';
import { newId } from '@pledgebook/util';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { RewardFacts } from './testing/reward-facts';
import { appraisalCaller, appraisalEvents, eventually, must, PEOPLE, seedFacts, startAppraisal, YEAR } from './testing/world';

async function until<T>(read: () => Promise<T> | T, ok: (value: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last = await read();
  while (!ok(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    last = await read();
  }
  if (!ok(last)) throw new Error(`not reached in ${ms} ms: ${JSON.stringify(last).slice(0, 800)}`);
  return last;
}

const B = 'weihai';
const base = `/api/v1/appraisals/bureaus/${B}`;
const round = `${base}/rounds/${YEAR}/H1`;
let h: Harness;
const as: Record<string, Caller> = {};
const call = (who: string, method: string, path: string, body?: unknown) => h.call(as[who], method, path, body);

const researchBonus = { id: 'research-award', label: '统计信息、分析调研获奖', cap: 5, research: { per: 'work', pointsPerWork: 1, levels: [{ categoryId: 'research-award', levelId: 'provincial', points: 3 }] } };
const scheme = (research: unknown) => ({ content: { ...EXAMPLE_SCHEME, bonuses: [{ ...researchBonus, research }, { id: 'volunteer', label: '志愿服务', cap: 3 }] } });

/** A refusal naming the field, and not one appraisal event written by it. */
async function refused(reply: () => Promise<Reply>, status: number, code: string, field: string): Promise<void> {
  const before = appraisalEvents(h.dataDir, B);
  const r = await reply();
  expect({ status: r.status, code: r.body?.code, fields: r.body?.errors?.map((e: { field: string }) => e.field) }).toEqual({ status, code, fields: expect.arrayContaining([field]) });
  expect(appraisalEvents(h.dataDir, B)).toBe(before);
}

/** The reward facts the appraisal service recorded for the bureau (its research stream). */
function researchFacts(): number {
  const db = new Database(join(h.dataDir, 'eventstore.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM events WHERE stream = ?').get(`appraisal-research-${B}`) as { n: number }).n;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  h = await startAppraisal(join(__dirname, 'testing', 'shifted-clock.main.ts'));
  await seedFacts(h.dataDir, B, '威海市统计局');
  for (const [sub, p] of Object.entries(PEOPLE)) as[sub] = await appraisalCaller(h, sub, B, p.roles);
  await eventually(() => call('zhao', 'GET', `${base}/groups/group-1/checks/${YEAR}-01/roster`), (r) => r.body?.members?.length === 4);
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('the research bonus', () => {
  it('is set in the scheme; bad research settings are refused naming the field', async () => {
    await refused(() => call('qian', 'POST', `${base}/schemes/${YEAR}/versions`, scheme({ per: 'page' })), 400, 'invalid_request', '/content/bonuses/0/research/per');
    await refused(() => call('qian', 'POST', `${base}/schemes/${YEAR}/versions`, scheme({ per: 'work', pointsPerYuan: 1 })), 422, 'invalid_scheme', '/content/bonuses/0/research/pointsPerYuan');
    await refused(() => call('qian', 'POST', `${base}/schemes/${YEAR}/versions`, scheme({ per: 'work' })), 422, 'invalid_scheme', '/content/bonuses/0/research/pointsPerWork');
    await must(call('qian', 'POST', `${base}/schemes/${YEAR}/versions`, scheme(researchBonus.research)));
    const v1 = `${base}/schemes/${YEAR}/versions/1`;
    await must(call('qian', 'POST', `${v1}/submit`));
    await must(call('zhou', 'POST', `${v1}/approve`));
    expect((await must(call('qian', 'POST', `${v1}/publish`))).body.content.bonuses[0].research).toEqual(researchBonus.research);
  });

  it('counts the works rated in the half, once each, without revoked shares, in the computed scores', async () => {
    const redelivered = newId();
    const w1 = { year: YEAR, categoryId: 'adopted-information', levelId: 'city', amountFen: 100_000, authors: [{ memberId: 'sun', shareFen: 50_000 }, { memberId: 'wang', shareFen: 50_000 }], ratedAt: `${YEAR}-03-10T02:00:00.000Z` };
    await new RewardFacts(B)
      .rated('w1', w1, redelivered)
      .rated('w1', w1, redelivered)
      .rated('w2', { year: YEAR, categoryId: 'research-award', levelId: 'provincial', amountFen: 300_000, authors: [{ memberId: 'sun', shareFen: 300_000 }], appraisalBonusPoints: 2, ratedAt: `${YEAR}-05-20T02:00:00.000Z` })
      // 01:00 on July 1st in the bureau's time: the second half's.
      .rated('w3', { year: YEAR, categoryId: 'adopted-information', levelId: 'city', amountFen: 50_000, authors: [{ memberId: 'sun', shareFen: 50_000 }], ratedAt: `${YEAR}-06-30T17:00:00.000Z` })
      .granted('g-wang-w1', 'wang', 'research', 'w1', YEAR, 50_000)
      .revoked('g-wang-w1', YEAR)
      .granted('g-sun-selection', 'sun', 'selection', 'selection-1', YEAR, 100_000)
      .publish(h.dataDir);
    // Three works (w1 once), the research grant and its revocation; the selection grant is not a research fact.
    await until(researchFacts, (n) => n === 5);
    await must(call('qian', 'POST', `${base}/rounds`, { year: YEAR, half: 'H1', schemeVersion: 1 }));
    await refused(() => call('qian', 'PUT', `${round}/members/sun/bonuses/research-award`, { points: 2, reason: '统计分析报告获省级奖' }), 422, 'computed_bonus', '/bonusId');
    // Scored again until the research view has every fact (sun counts w1 and w2; wang's share of w1 was revoked).
    const explained = await until(
      async () => {
        await must(call('qian', 'POST', `${round}/computed-scores`));
        const [sun, wang] = await Promise.all([call('qian', 'GET', `${round}/members/sun/explanation`), call('qian', 'GET', `${round}/members/wang/explanation`)]);
        return { sun: sun.body, wang: wang.body };
      },
      (r) => r.sun.sheet?.bonusPoints === 4 && r.wang.sheet?.bonuses.length === 0,
    );
    const [line] = explained.sun.sheet.bonuses;
    expect(line).toMatchObject({ id: 'research-award', points: 4, cap: 5, reason: '2 项调研成果被采用（按类别和等次计分），+4 分', by: 'qian', computed: { inputs: { works: 2, scoring: 2, revoked: 0, uncapped: 4 } } });
    expect(line.computed.sourceEventIds).toHaveLength(2);
    expect(explained.sun.sheet.points).toBe(explained.sun.sheet.criteriaPoints + 4);
    // The volunteer bonus is still the office's to award.
    await must(call('qian', 'PUT', `${round}/members/sun/bonuses/volunteer`, { points: 1, reason: '社区志愿服务' }));
    expect((await call('qian', 'GET', `${round}/members/sun/explanation`)).body.sheet.bonusPoints).toBe(5);
  }, 60_000);
});
