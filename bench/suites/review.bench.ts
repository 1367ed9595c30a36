import { openReadModelStore } from '@pledgebook/infrastructure';
import { startServiceProcess, type Caller } from '@pledgebook/nest/testing';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { latencyRow, percentile, type BenchRow } from '../lib/measure';

const RATE = 50;
const SUBMISSIONS = 500;

/**
 * Submit → visible in the group leader's queue: pledges submitted at 50/s to the pledge service;
 * the time until the review service's queue document for each shows it waiting at the group
 * (pledge relay → bus → review consumer → review stream → projection). Baseline: the submit
 * request itself, in the same run.
 */
export async function reviewBench(): Promise<BenchRow[]> {
  const pledge = await startServiceProcess(join(__dirname, '..', '..', 'apps', 'pledge-service', 'src', 'main.ts'), { env: { LOG_LEVEL: 'warn' } });
  const review = await startServiceProcess(join(__dirname, '..', '..', 'apps', 'review-service', 'src', 'main.ts'), { dataDir: pledge.dataDir, trustTestKey: false, env: { LOG_LEVEL: 'warn' } });
  const views = await openReadModelStore(`sqlite:${join(pledge.dataDir, 'review-views.db')}`);
  try {
    const root = await pledge.as({ sub: 'root', bureauId: 'system', roles: ['system-admin'] });
    await pledge.call(root, 'POST', '/api/v1/bureaus', { bureauId: 'weihai', name: '威海市統計局', level: 'city' });
    const admin = await pledge.as({ sub: 'ye', bureauId: 'weihai', roles: ['bureau-admin'] });
    const csv = [
      'record,key,name,type,parent,partyStatus,branch,group,department,roles',
      'unit,branch-1,機關黨支部,party-branch,,,,,,',
      'unit,group-1,第一黨小組,party-group,branch-1,,,,,',
      'member,wang,王曉東,,,full,,group-1,,member',
      'member,zhou,周敏,,,full,,group-1,,member',
      'member,zhao,趙金剛,,,full,,group-1,,member;group-leader',
    ].join('\n');
    await pledge.call(admin, 'POST', '/api/v1/bureaus/weihai/directory/import', csv, { 'content-type': 'text/csv' });
    const wang: Caller = await pledge.as({ sub: 'wang', bureauId: 'weihai', roles: ['member'] });
    const item = { kind: 'deed', category: 'student-aid', text: '資助一名困難學生', target: '全年2000元' };
    const ids: string[] = [];
    for (let i = 0; i < SUBMISSIONS + 20; i++) {
      const r = await pledge.call(wang, 'POST', '/api/v1/pledges', { year: new Date(Date.now() + 8 * 3_600_000).getUTCFullYear(), pledger: { type: 'paired', memberIds: ['wang', 'zhou'] }, items: [item] });
      if (r.status !== 201) throw new Error(`draft: ${r.status} ${JSON.stringify(r.body)}`);
      ids.push(r.body.pledgeId);
    }
    const reviews = views.collection<{ _id: string; status: string; groupId?: string }>('reviews');
    const visible = async (id: string) => (await reviews.findById(id))?.status === 'group';
    // Warm-up: the first few through the whole path.
    for (const id of ids.splice(0, 20)) {
      await pledge.call(wang, 'POST', `/api/v1/pledges/${id}/submit`);
      for (let t = 0; !(await visible(id)); t++) {
        if (t > 5000) throw new Error('warm-up submission never reached the queue');
        await new Promise((r) => setTimeout(r, 2));
      }
    }
    const submitted = new Map<string, number>();
    const seen: number[] = [];
    const requests: number[] = [];
    const outstanding = new Set<string>();
    let polling = true;
    const poller = (async () => {
      while (polling || outstanding.size > 0) {
        for (const id of [...outstanding]) {
          if (await visible(id)) {
            seen.push(performance.now() - submitted.get(id)!);
            outstanding.delete(id);
          }
        }
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    const start = performance.now();
    const sends: Promise<void>[] = [];
    for (const [i, id] of ids.entries()) {
      const due = start + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      sends.push(
        (async () => {
          const t = performance.now();
          submitted.set(id, t);
          outstanding.add(id);
          const r = await pledge.call(wang, 'POST', `/api/v1/pledges/${id}/submit`);
          requests.push(performance.now() - t);
          if (r.status !== 200) throw new Error(`submit: ${r.status} ${JSON.stringify(r.body)}`);
        })(),
      );
    }
    await Promise.all(sends);
    const achieved = (ids.length * 1000) / (performance.now() - start);
    polling = false;
    const deadline = performance.now() + 60_000;
    while (outstanding.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    if (outstanding.size > 0) throw new Error(`${outstanding.size} submissions never reached the queue`);
    await poller;
    const note = `${ids.length} submissions offered at ${RATE}/s (achieved ${achieved.toFixed(1)}/s); visibility polled every ~1 ms on the queue's read model`;
    return [
      latencyRow('review: submit → visible in the group leader’s queue, p50', percentile(seen, 50), percentile(requests, 50), 'the submit request alone, p50', undefined, note),
      latencyRow('review: submit → visible in the group leader’s queue, p99', percentile(seen, 99), percentile(requests, 99), 'the submit request alone, p99', 100),
    ];
  } catch (error) {
    console.error(pledge.output().slice(-2000), review.output().slice(-2000));
    throw error;
  } finally {
    await views.close();
    await review.close();
    await pledge.close();
  }
}
