import type { NewEvent } from '@pledgebook/event-store';
import { openEventStore, openReadModelStore } from '@pledgebook/infrastructure';
import { startServiceProcess } from '@pledgebook/nest/testing';
import { ProjectionRunner } from '@pledgebook/read-model';
import { grantIdFor } from '@pledgebook/reward-domain';
import { factsStream, grantStream, STAT_ROLLUPS, STATISTICS_INDEXES, statisticsProjection, STATISTICS_STREAM_PREFIXES } from '@pledgebook/reward-feature/statistics';
import { deterministicId } from '@pledgebook/util';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { interleaved, latencyRow, percentile, rate, rateRow, type BenchRow } from '../lib/measure';
import { rawReadRows } from '../lib/raw-sqlite';

const BUREAUS = 150;
const MEMBERS = 50;
const GROUPS = 5;
const YEAR = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear() - 1;
const REQUESTS = 300;
const PROVINCE = 'province';

const meta = (bureauId: string) => ({ bureauId, actorId: 'system', actorRole: 'system', correlationId: 'bench', causationId: 'bench' });
const at = (month: number, day = 10) => `${YEAR}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T02:00:00.000Z`;

/** An integration event as the reward service records it in its facts stream (what recordIntegrationEvent appends). */
function fact(bureauId: string, type: string, data: Record<string, unknown>, n: number): NewEvent {
  const sourceEventId = deterministicId(`bench|${bureauId}|${n}`);
  return {
    id: deterministicId(`reward-service.facts|${sourceEventId}`),
    type: 'IntegrationEventRecorded',
    data: { sourceEventId, sourceType: type, source: `/bureaus/${bureauId}/pledge-service`, time: new Date().toISOString(), bureauId, data },
    metadata: meta(bureauId),
  };
}

/**
 * A year of one bureau's events, month by month: directory and books in January, a deed a
 * quarter per member (one in ten corrected), a check per group and month, two half-year results
 * per member, five grants in December; two books withdrawn.
 */
export function bureauMonths(k: number): NewEvent[][] {
  const bureauId = `city-${String(k).padStart(3, '0')}`;
  let n = 0;
  const f = (type: string, data: Record<string, unknown>) => fact(bureauId, `pledgebook.${type}.v1`, data, n++);
  const months: NewEvent[][] = Array.from({ length: 12 }, () => []);
  const jan = months[0]!;
  jan.push(f('pledge.bureau-registered', { bureauId, name: `第${k}市統計局`, level: 'city', parentBureauId: PROVINCE }));
  for (const b of [1, 2]) jan.push(f('pledge.org-unit-added', { bureauId, orgUnitId: `branch-${b}`, type: 'party-branch', name: `第${b}支部` }));
  for (let g = 1; g <= GROUPS; g++) jan.push(f('pledge.org-unit-added', { bureauId, orgUnitId: `group-${g}`, type: 'party-group', name: `第${g}小組`, parentId: `branch-${g <= 3 ? 1 : 2}` }));
  const items = [{ no: 1, kind: 'common', text: '理論學習', target: '全年12本' }, { no: 2, kind: 'position', text: '全省一流', target: '前三' }, { no: 3, kind: 'deed', text: '資助學生', target: '全年' }];
  const books: string[] = [];
  for (let i = 0; i < MEMBERS + 2; i++) {
    const memberId = `m${String(i).padStart(2, '0')}`;
    const g = (i % GROUPS) + 1;
    const placed = { branchId: `branch-${g <= 3 ? 1 : 2}`, groupId: `group-${g}` };
    const pledgeId = deterministicId(`bench-book|${bureauId}|${i}`);
    if (i < MEMBERS) jan.push(f('pledge.member-added', { memberId, bureauId, name: `成員${i}`, partyStatus: 'full', groupId: placed.groupId, roles: ['member'], joinedOn: `${YEAR}-01-02` }));
    jan.push(f('pledge.pledge-submitted', { pledgeId, bureauId, year: YEAR, round: 1, pledger: { type: 'individual', memberIds: [memberId] }, ...placed, items }));
    if (i >= MEMBERS) jan.push(f('pledge.pledge-withdrawn', { pledgeId, reason: '調崗' }));
    else {
      jan.push(f('pledge.pledge-published', { pledgeId, publicationId: `pub-${k}`, publishedAt: at(1, 20) }));
      books.push(pledgeId);
    }
  }
  for (const [i, pledgeId] of books.entries()) {
    for (let q = 0; q < 4; q++) {
      const month = q * 3 + 1 + (i % 3);
      const recordId = deterministicId(`bench-record|${bureauId}|${i}|${q}`);
      const record = { pledgeId, recordId, itemNo: 3, recordedOn: `${YEAR}-${String(month).padStart(2, '0')}-15`, narrative: '走訪資助學生家庭，送去學習用品和助學金', evidence: [], recordedBy: `m${i}`, peopleAided: 1, amountFen: 50_000, beneficiaryRef: `student-${i}` };
      months[month - 1]!.push(f('pledge.progress-recorded', record));
      if ((i + q) % 10 === 0) months[month - 1]!.push(f('pledge.progress-recorded', { ...record, recordId: `${recordId}-fix`, amountFen: 60_000, corrects: recordId }));
    }
  }
  for (let m = 1; m <= 12; m++) {
    for (let g = 1; g <= GROUPS; g++) {
      const month = `${YEAR}-${String(m).padStart(2, '0')}`;
      months[m - 1]!.push(f('appraisal.monthly-check-recorded', { bureauId, checkId: `${g}-${m}`, groupId: `group-${g}`, month, members: 10, items: 30, done: m * 2, onTrack: 24 - m * 2, behind: 6, notStarted: 0, recordedAt: at(m, 28) }));
    }
  }
  for (const [half, month] of [['H1', 7], ['H2', 12]] as const) {
    for (let i = 0; i < MEMBERS; i++) {
      const grade = i % 10 === 0 ? 'excellent' : i % 17 === 0 ? 'basically-qualified' : 'qualified';
      months[month - 1]!.push(f('appraisal.result-finalized', { bureauId, roundId: `${YEAR}-${half}`, year: YEAR, half, memberId: `m${String(i).padStart(2, '0')}`, partyStatus: 'full', points: 88, grade, gradeLabel: grade, schemeVersion: 1, finalizedAt: at(month, 25) }));
    }
  }
  return months;
}

export function grantsOf(k: number): Array<{ stream: string; event: NewEvent }> {
  const bureauId = `city-${String(k).padStart(3, '0')}`;
  return [0, 10, 20, 30, 40].map((i) => {
    const recipient = { type: 'member' as const, id: `m${String(i).padStart(2, '0')}` };
    const basis = { type: 'result' as const, id: `${YEAR}-H2/${recipient.id}` };
    const grantId = grantIdFor(bureauId, recipient, 'fulfilment', basis);
    const data = { grantId, bureauId, year: YEAR, recipient, ground: 'fulfilment', basis, title: '踐諾考核優秀表揚', spiritual: ['commendation'], material: { kind: 'money', amountFen: 100_000 }, grantedBy: 'system', grantedAt: at(12, 28) };
    return { stream: grantStream(bureauId, grantId), event: { type: 'RewardGranted', data, metadata: meta(bureauId) } };
  });
}

/**
 * Statistics at 150 bureaus × 50 members × a year: the province's roll-up over HTTP (p99,
 * target < 100 ms) and a full rebuild of the statistics read models against a raw read of the
 * same events (target ≥ 0.3).
 */
export async function statisticsBench(): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pledgebook-statistics-bench-'));
  try {
    const events = await openEventStore(`sqlite:${join(dataDir, 'eventstore.db')}`);
    await events.append(factsStream(PROVINCE), [fact(PROVINCE, 'pledgebook.pledge.bureau-registered.v1', { bureauId: PROVINCE, name: '省統計局', level: 'province' }, 0)], { expectedRevision: 'any' });
    const years = Array.from({ length: BUREAUS }, (_, k) => bureauMonths(k + 1));
    let total = 1;
    for (let m = 0; m < 12; m++) {
      for (const [k, months] of years.entries()) {
        await events.append(factsStream(`city-${String(k + 1).padStart(3, '0')}`), months[m]!, { expectedRevision: 'any' });
        total += months[m]!.length;
      }
    }
    for (let k = 1; k <= BUREAUS; k++) for (const { stream, event } of grantsOf(k)) await events.append(stream, [event], { expectedRevision: 'no_stream' });
    total += BUREAUS * 5;
    console.error(`statistics: ${total.toLocaleString('en')} events for ${BUREAUS} bureaus × ${MEMBERS} members × a year`);

    // A full build, then a rebuild into a new generation (what an operator's rebuild does).
    const views = await openReadModelStore(`sqlite:${join(dataDir, 'rebuild-views.db')}`);
    for (const [collection, specs] of Object.entries(STATISTICS_INDEXES)) await views.ensureIndexes(collection, specs);
    const runner = new ProjectionRunner(events, views, statisticsProjection);
    console.error('statistics: building the read models, then three rebuilds beside three raw reads…');
    await runner.start();
    const head = await events.headPosition();
    while (((await runner.checkpoint()) ?? 0) < head) await new Promise((r) => setTimeout(r, 20));
    const db = new Database(join(dataDir, 'eventstore.db'), { readonly: true });
    const where = STATISTICS_STREAM_PREFIXES.map(() => 'stream LIKE ?').join(' OR ');
    const rawRead = () => rawReadRows(db, `SELECT data, metadata FROM events WHERE ${where} ORDER BY position`, ...STATISTICS_STREAM_PREFIXES.map((p) => `${p}%`));
    const counted = rawRead();
    const times = await interleaved(3, { rebuild: () => runner.rebuild(), raw: () => void rawRead() });
    await runner.stop();
    const rollups = await views.collection(STAT_ROLLUPS).count({});
    await views.close();
    db.close();
    await events.close();

    // The province's roll-up over HTTP, as its auditor reads it, once the service has built its views.
    const service = await startServiceProcess(join(__dirname, '..', '..', 'apps', 'reward-service', 'src', 'main.ts'), { dataDir, env: { LOG_LEVEL: 'warn' } });
    const rollUpLatencies: number[] = [];
    const rawLatencies: number[] = [];
    try {
      const auditorOf = () => service.as({ sub: 'auditor', bureauId: PROVINCE, roles: ['auditor'] });
      const path = `/api/v1/statistics/bureaus/${PROVINCE}/roll-up?year=${YEAR}`;
      console.error('statistics: the reward service builds its views from the same events…');
      for (let waited = 0; ; waited += 200) {
        const r = await service.call(await auditorOf(), 'GET', path);
        if (r.status === 200 && r.body.rows.length === BUREAUS + 1 && r.body.sum.grants === BUREAUS * 5 && r.body.sum.grades.excellent === BUREAUS * 10) break;
        if (waited > 600_000) throw new Error(`the service did not build its views: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
        await new Promise((res) => setTimeout(res, 200));
      }
      console.error(`statistics: ${REQUESTS} roll-ups of the province as its auditor…`);
      const auditor = await auditorOf();
      const viewsDb = new Database(join(dataDir, 'reward-views.db'), { readonly: true });
      const table = (viewsDb.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%stat_rollups%' ORDER BY name DESC LIMIT 1`).get() as { name: string }).name;
      for (let i = 0; i < REQUESTS; i++) {
        let t = performance.now();
        const r = await service.call(auditor, 'GET', path);
        rollUpLatencies.push(performance.now() - t);
        if (r.status !== 200) throw new Error(`roll-up: ${r.status}`);
        t = performance.now();
        rawReadRows(viewsDb, `SELECT doc AS data, '{}' AS metadata FROM "${table}"`);
        rawLatencies.push(performance.now() - t);
      }
      viewsDb.close();
    } finally {
      await service.close();
    }
    const load = loadavg().map((l) => l.toFixed(2)).join(' ');
    const rebuildRate = rate(counted, times.rebuild!);
    const rawRate = rate(counted, times.raw!);
    return [
      latencyRow(`statistics: province roll-up of ${BUREAUS} bureaus over HTTP, p50`, percentile(rollUpLatencies, 50), percentile(rawLatencies, 50), 'raw SELECT + JSON.parse of the rollup documents, p50'),
      latencyRow(`statistics: province roll-up of ${BUREAUS} bureaus over HTTP, p99`, percentile(rollUpLatencies, 99), percentile(rawLatencies, 99), 'raw SELECT + JSON.parse of the rollup documents, p99', 100, `load average ${load}`),
      rateRow(`statistics: full rebuild of the read models (${counted.toLocaleString('en')} events, ${rollups} rollups)`, rebuildRate, rawRate, 'raw SELECT + JSON.parse of the same events', 0.3, 'events/s', `median of 3 rebuilds; load average ${load}`),
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
