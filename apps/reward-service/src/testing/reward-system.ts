import { startServiceProcess, type Caller, type Harness, type Reply } from '@pledgebook/nest/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The year and the day in China Standard Time, as the services date things. */
export const YEAR = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
export const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

export async function eventually(read: () => Promise<Reply>, check: (r: Reply) => boolean, ms = 30_000): Promise<Reply> {
  let last = await read();
  for (let waited = 0; !check(last) && waited < ms; waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  if (!check(last)) throw new Error(`not reached in ${ms} ms: ${last.status} ${JSON.stringify(last.body).slice(0, 600)}`);
  return last;
}

export const must = async (r: Promise<Reply>) => {
  const reply = await r;
  if (reply.status >= 300) throw new Error(`setup: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
};

export interface RewardSystem {
  dataDir: string;
  pledge: Harness;
  reward: Harness;
  /** Callers of weihai by member id: wang, zhou (members), sun (branch secretary), chen and liu (leading group); yantai's admin as `outsider`. */
  as: Record<'wang' | 'zhou' | 'sun' | 'chen' | 'liu' | 'outsider', Caller>;
  close(): Promise<void>;
}

/** The pledge and reward services as processes on one data directory, weihai's directory learned by the reward service from the bus. */
export async function startRewardSystem(prefix: string): Promise<RewardSystem> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const pledge = await startServiceProcess(join(__dirname, '..', '..', '..', 'pledge-service', 'src', 'main.ts'), { dataDir });
  const reward = await startServiceProcess(join(__dirname, '..', 'main.ts'), { dataDir, trustTestKey: false });
  const root = await pledge.as({ sub: 'root', bureauId: 'system', roles: ['system-admin'] });
  await must(pledge.call(root, 'POST', '/api/v1/bureaus', { bureauId: 'weihai', name: '威海市統計局', level: 'city' }));
  await must(pledge.call(root, 'POST', '/api/v1/bureaus', { bureauId: 'yantai', name: '煙台市統計局', level: 'city' }));
  const admin = await pledge.as({ sub: 'ye', bureauId: 'weihai', roles: ['bureau-admin'] });
  const csv = [
    'record,key,name,type,parent,partyStatus,branch,group,department,roles',
    'unit,branch-1,機關第一黨支部,party-branch,,,,,,',
    'unit,group-1,綜合黨小組,party-group,branch-1,,,,,',
    'member,wang,王曉東,,,full,,group-1,,member',
    'member,zhou,周敏,,,full,,group-1,,member',
    'member,sun,孫麗,,,full,,group-1,,member;branch-secretary',
    'member,chen,陳志強,,,full,,group-1,,member;leading-group',
    'member,liu,劉洋,,,full,,group-1,,member;leading-group',
  ].join('\n');
  await must(pledge.call(admin, 'POST', '/api/v1/bureaus/weihai/directory/import', csv, { 'content-type': 'text/csv' }));
  const caller = (sub: string, roles: string[], bureauId = 'weihai') => pledge.as({ sub, bureauId, roles });
  const as = {
    wang: await caller('wang', ['member']),
    zhou: await caller('zhou', ['member']),
    sun: await caller('sun', ['member', 'branch-secretary']),
    chen: await caller('chen', ['member', 'leading-group']),
    liu: await caller('liu', ['member', 'leading-group']),
    outsider: await caller('yt', ['bureau-admin', 'leading-group', 'member'], 'yantai'),
  };
  await eventually(() => reward.call(as.chen, 'GET', '/api/v1/rewards/members/liu'), (r) => r.status === 200);
  return {
    dataDir,
    pledge,
    reward,
    as,
    async close() {
      await reward.close();
      await pledge.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
