import { dataSchemaUri, Topics, type CloudEvent } from '@pledgebook/contracts';
import { openMessageBus } from '@pledgebook/infrastructure';
import { startServiceProcess, type Caller, type Harness, type Reply } from '@pledgebook/nest/testing';
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PledgeFacts } from '../../apps/appraisal-service/src/testing/pledge-facts';
import { interleaved, latencyRow, percentile, rateRow, type BenchRow } from '../lib/measure';
import { rawReadRows } from '../lib/raw-sqlite';

const MEMBERS = 200;
const GROUPS = 10;
const BUREAUS = ['bench-1', 'bench-2', 'bench-3', 'bench-4', 'bench-5', 'bench-6'];
/** Last year, so a whole year of checks and all four dispatches lie in the past and its H2 round can open. */
const YEAR = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear() - 1;
const MONTHS = Array.from({ length: 12 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, '0')}`);
const SCHEME = {
  title: '基准测试考核办法',
  totalPoints: 100,
  criteria: [
    { id: 'items', label: '承诺事项完成情况', maxPoints: 40, source: 'computed', formula: 'items-fulfilled-ratio' },
    { id: 'checks', label: '月度检查进度', maxPoints: 30, source: 'computed', formula: 'monthly-checks-on-track-ratio' },
    { id: 'deeds', label: '实事承诺兑现', maxPoints: 20, source: 'computed', formula: 'deeds-recorded-count', params: { pointsPerDeed: 5 } },
    { id: 'talks', label: '谈话提醒', maxPoints: 10, source: 'computed', formula: 'reminder-talks-deduction', params: { pointsPerTalk: 5 } },
  ],
  bands: [
    { grade: 'excellent', minPoints: 90 },
    { grade: 'qualified', minPoints: 75 },
    { grade: 'basically-qualified', minPoints: 60 },
    { grade: 'unqualified', minPoints: 0 },
  ],
};

const ok = async (p: Promise<Reply>, what: string): Promise<Reply> => {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 400)}`);
  return r;
};
const member = (i: number) => `m${String(i).padStart(3, '0')}`;
const groupOf = (i: number) => `group-${(i % GROUPS) + 1}`;
const branchOf = (group: string) => (Number(group.slice(6)) <= GROUPS / 2 ? 'branch-1' : 'branch-2');

/**
 * A bureau of 200 members in ten party groups, a year of monthly checks and four dispatches,
 * fed to the appraisal service as the pledge service would (facts on the bus) and recorded
 * through its API; then:
 * - the H2 round's computed criteria scored for every member (one request) beside a raw read of
 *   the events they are computed from (better-sqlite3, SELECT + JSON.parse);
 * - a member's explained score over HTTP beside the service's /health/live;
 * - final results (the service's clock moved past the notice) → seen by an outside consumer
 *   group on pledgebook.appraisal.v1, beside messages published straight to the bus.
 */
export async function appraisalBench(): Promise<BenchRow[]> {
  const h = await startServiceProcess(join(__dirname, '..', '..', 'apps', 'appraisal-service', 'src', 'testing', 'shifted-clock.main.ts'), { env: { LOG_LEVEL: 'warn', AUTH_MAX_TOKEN_LIFETIME_SECONDS: String(7 * 24 * 3600) } });
  try {
    const as = async (bureauId: string, sub: string, roles: string[]): Promise<Caller> => ({ claims: { sub, bureauId, roles }, token: await h.tokens.sign({ sub, bureauId, roles }, { expiresIn: '6d' }) });
    // Bureaus alike, each with its own year of records: every timed scoring is a round's first.
    console.error(`appraisal: ${BUREAUS.length} bureaus of ${MEMBERS} members, each with ${MONTHS.length * GROUPS} monthly checks and eight dispatches…`);
    for (const bureauId of BUREAUS) await prepareBureau(h, bureauId, as);
    const offices = await Promise.all(BUREAUS.map((bureauId) => as(bureauId, 'qian', ['member', 'appraisal-office'])));
    // Timed only once the service has caught up with what was recorded (its projections and relay run beside it).
    const last = BUREAUS.at(-1)!;
    for (let t = 0; ; t++) {
      const rounds = await h.call(offices.at(-1), 'GET', `/api/v1/appraisals/bureaus/${last}/rounds?year=${YEAR}`);
      if (rounds.body?.items?.length === 1) break;
      if (t > 600) throw new Error('the rounds view never caught up');
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 3_000));
    const roundOf = (bureauId: string) => `/api/v1/appraisals/bureaus/${bureauId}/rounds/${YEAR}/H2`;

    // 1. Scoring each round beside a raw read of the events it is computed from.
    const store = new Database(join(h.dataDir, 'eventstore.db'), { readonly: true });
    const raw = BUREAUS.map((bureauId) => {
      const streams = (store.prepare(`SELECT DISTINCT stream FROM events WHERE stream LIKE ? OR stream LIKE ? OR stream = ?`).all(`appraisal-check-${bureauId}.%`, `appraisal-dispatch-${bureauId}.%`, `appraisal-facts-${bureauId}`) as Array<{ stream: string }>).map((x) => x.stream);
      return { streams, sql: `SELECT data, metadata FROM events WHERE stream IN (${streams.map(() => '?').join(',')}) ORDER BY position` };
    });
    const sourceEvents = rawReadRows(store, raw[0]!.sql, ...raw[0]!.streams);
    // The first bureau warms up (and is the one explained and finalized below); the others are timed.
    await ok(h.call(offices[0], 'POST', `${roundOf(BUREAUS[0]!)}/computed-scores`), 'warm-up scoring');
    let next = 1;
    let nextRaw = 1;
    const timed = await interleaved(BUREAUS.length - 1, {
      score: async () => {
        const i = next++;
        await ok(h.call(offices[i], 'POST', `${roundOf(BUREAUS[i]!)}/computed-scores`), 'scoring');
      },
      raw: () => {
        const { sql, streams } = raw[nextRaw++]!;
        rawReadRows(store, sql, ...streams);
      },
    });
    store.close();
    const round = roundOf(BUREAUS[0]!);
    const as0 = (sub: string, roles: string[]) => as(BUREAUS[0]!, sub, roles);

    // 2. A member's explained score over HTTP.
    const reader = await as0('qian', ['member', 'appraisal-office']);
    const explain: number[] = [];
    const health: number[] = [];
    for (let i = 0; i < 400; i++) {
      let t = performance.now();
      await ok(h.call(reader, 'GET', `${round}/members/${member((i * 37) % MEMBERS)}/explanation`), 'explanation');
      explain.push(performance.now() - t);
      t = performance.now();
      await h.call(undefined, 'GET', '/health/live');
      health.push(performance.now() - t);
    }

    // 3. Final results → an outside consumer group, after the notice (the service's clock moved on four days).
    await ok(h.call(reader, 'POST', `${round}/notice`, { workingDays: 1 }), 'notice');
    const bus = await openMessageBus(`sqlite:${join(h.dataDir, 'bus.db')}`);
    const offsetMs = 4 * 86_400_000;
    const finalLatency: number[] = [];
    const baseline: number[] = [];
    const sentAt = new Map<string, number>();
    const consumer = await bus.consume({ groupId: 'bench-outside-integrator', topics: [Topics.appraisal, 'bench.baseline.v1'] }, async (messages) => {
      const now = Date.now();
      for (const m of messages) {
        if (m.value.type === 'pledgebook.appraisal.result-finalized.v1') finalLatency.push(now - (Date.parse(m.value.time!) - offsetMs));
        if (m.topic === 'bench.baseline.v1' && sentAt.has(m.value.id)) baseline.push(now - sentAt.get(m.value.id)!);
      }
    });
    try {
      writeFileSync(join(h.dataDir, 'test-clock-offset-ms'), String(offsetMs));
      await h.kill();
      await h.restart();
      for (let t = 0; finalLatency.length < MEMBERS; t++) {
        if (t > 1200) throw new Error(`only ${finalLatency.length} results finalized`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const batch: Array<{ key: string; value: CloudEvent }> = Array.from({ length: MEMBERS }, (_, i) => ({ key: member(i), value: baselineEvent(i) }));
      for (const m of batch) sentAt.set(m.value.id, Date.now());
      await bus.publish('bench.baseline.v1', batch);
      for (let t = 0; baseline.length < MEMBERS; t++) {
        if (t > 600) throw new Error('baseline messages not consumed');
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await consumer.stop();
      await bus.close();
    }
    const note = `a round's first scoring in each of ${BUREAUS.length - 1} bureaus (medians): ${MEMBERS} members, ${sourceEvents} source events each (${MONTHS.length * GROUPS} monthly checks, 8 dispatches, the pledge facts)`;
    return [
      rateRow('appraisal: score a round’s computed criteria (200 members), rounds per second', 1000 / timed.score!, 1000 / timed.raw!, 'raw read of the events scored (SELECT + JSON.parse)', 0.3, 'rounds/s', `${note}; scoring ${timed.score!.toFixed(1)} ms, raw read ${timed.raw!.toFixed(1)} ms`),
      latencyRow('appraisal: a member’s explained score over HTTP, p99', percentile(explain, 99), percentile(health, 99), 'GET /health/live over HTTP, p99', 50, `p50 ${percentile(explain, 50).toFixed(2)} ms; 400 requests`),
      latencyRow('appraisal: result finalized → outside consumer group on pledgebook.appraisal.v1, p99', percentile(finalLatency, 99), percentile(baseline, 99), 'messages published straight to the bus → the same group, p99', 100, `${finalLatency.length} results of one round finalized in one append; measured from the event's recorded time`),
    ];
  } catch (error) {
    console.error(h.output().slice(-3000));
    throw error;
  } finally {
    await h.close();
  }
}

function baselineEvent(i: number): CloudEvent {
  const type = 'pledgebook.bench.baseline.v1';
  return { specversion: '1.0', id: `baseline-${i}-${Date.now()}`, source: '/bench', type, subject: `bench/${i}`, time: new Date().toISOString(), datacontenttype: 'application/json', dataschema: dataSchemaUri(type), data: { i }, bureauid: BUREAUS[0]!, actorid: 'bench', correlationid: 'bench', causationid: 'bench', streamid: 'bench', streamrevision: i, hash: 'a'.repeat(64) };
}

/** A bureau's facts on the bus, its scheme published, a year of monthly checks and four dispatches recorded, its H2 round open. */
async function prepareBureau(h: Harness, bureauId: string, as: (bureauId: string, sub: string, roles: string[]) => Promise<Caller>): Promise<void> {
  const base = `/api/v1/appraisals/bureaus/${bureauId}`;
  await seed(h, bureauId);
  const office = await as(bureauId, 'qian', ['member', 'appraisal-office']);
  const leaders = Object.fromEntries(await Promise.all(Array.from({ length: GROUPS }, async (_, g) => [`group-${g + 1}`, await as(bureauId, member(g), ['member', 'group-leader'])] as const)));
  for (const [groupId, leader] of Object.entries(leaders)) {
    for (let t = 0; ; t++) {
      const r = await h.call(leader, 'GET', `${base}/groups/${groupId}/checks/${YEAR}-01/roster`);
      if (r.status === 200 && r.body.members.length === MEMBERS / GROUPS) break;
      if (t > 600) throw new Error(`the facts never reached the appraisal service: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const v1 = `${base}/schemes/${YEAR}/versions/1`;
  await ok(h.call(office, 'POST', `${base}/schemes/${YEAR}/versions`, { content: SCHEME }), 'draft');
  await ok(h.call(office, 'POST', `${v1}/submit`), 'submit');
  await ok(h.call(await as(bureauId, 'zhou', ['member', 'leading-group']), 'POST', `${v1}/approve`), 'approve');
  await ok(h.call(office, 'POST', `${v1}/publish`), 'publish');
  for (const month of MONTHS) {
    for (const [groupId, leader] of Object.entries(leaders)) {
      const roster = await ok(h.call(leader, 'GET', `${base}/groups/${groupId}/checks/${month}/roster`), 'roster');
      const m = Number(month.slice(5));
      const entries = roster.body.members.map((x: { memberId: string; items: Array<{ pledgeId: string; itemNo: number }> }, k: number) => ({
        memberId: x.memberId,
        note: '按计划推进',
        items: x.items.map((i) => ({ pledgeId: i.pledgeId, itemNo: i.itemNo, status: (k + m) % 9 === 0 && i.itemNo === 2 ? 'behind' : i.itemNo === 3 && m >= 7 ? 'done' : 'on-track' })),
      }));
      await ok(h.call(leader, 'POST', `${base}/groups/${groupId}/checks/${month}`, { entries }), 'check');
    }
  }
  for (const branchId of ['branch-1', 'branch-2']) {
    const secretary = await as(bureauId, branchId === 'branch-1' ? member(GROUPS) : member(GROUPS + GROUPS / 2), ['member', 'branch-secretary']);
    for (const quarter of [1, 2, 3, 4]) {
      const date = quarter === 4 ? `${YEAR + 1}-01-08` : `${YEAR}-${String(quarter * 3 + 1).padStart(2, '0')}-08`;
      await ok(h.call(secretary, 'POST', `${base}/branches/${branchId}/dispatches/${YEAR}/${quarter}`, { meeting: { date, attendees: [secretary.claims.sub] } }), 'dispatch');
    }
  }
  await ok(h.call(office, 'POST', `${base}/rounds`, { year: YEAR, half: 'H2', schemeVersion: 1 }), 'open');
}

async function seed(h: Harness, bureauId: string): Promise<void> {
  const facts = new PledgeFacts(bureauId).bureau(`基准市统计局（${bureauId}）`).unit('branch-1', 'party-branch', '第一党支部').unit('branch-2', 'party-branch', '第二党支部');
  for (let g = 1; g <= GROUPS; g++) facts.unit(`group-${g}`, 'party-group', `第${g}党小组`, branchOf(`group-${g}`));
  facts.member('qian', '钱进', { branchId: 'branch-1', roles: ['member', 'appraisal-office'], joinedOn: `${YEAR}-01-01` });
  facts.member('zhou', '周建国', { branchId: 'branch-1', roles: ['member', 'leading-group'], joinedOn: `${YEAR}-01-01` });
  facts.office(YEAR, ['qian']);
  const items = [
    { kind: 'common', area: 'theory-study', text: '每月精读一本理论著作', target: '全年12篇心得' },
    { kind: 'position', text: '把统计调查做到全省一流', target: '全省前三', benchmark: true, dueQuarter: 4 },
    { kind: 'deed', category: 'student-aid', text: '资助一名困难学生', target: '全年2000元', dueQuarter: 3 },
  ];
  for (let i = 0; i < MEMBERS; i++) {
    const groupId = groupOf(i);
    facts.member(member(i), `成员${i}`, { groupId, branchId: branchOf(groupId), roles: ['member'], joinedOn: `${YEAR}-01-01` });
    facts.book(`${bureauId}-book-${member(i)}`, YEAR, [member(i)], { groupId, branchId: branchOf(groupId) }, items, `${YEAR}-01-20T02:00:00.000Z`);
    facts.progress(`${bureauId}-book-${member(i)}`, 3, `${YEAR}-04-15`).progress(`${bureauId}-book-${member(i)}`, 3, `${YEAR}-09-15`);
  }
  await facts.publish(h.dataDir);
}
