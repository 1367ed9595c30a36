// The example consumer against a real embedded bus: each final result once, whatever the
// redeliveries, and the script as a process (a second run of its group prints nothing new).
import { dataSchemaUri, Topics, type CloudEvent } from '@pledgebook/contracts';
import { openMessageBus } from '@pledgebook/infrastructure';
import type { MessageBus } from '@pledgebook/message-bus';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { followFinalizedResults, formatResult, type FinalizedResult } from './consumer';

const dir = mkdtempSync(join(tmpdir(), 'appraisal-consumer-'));
const url = `sqlite:${join(dir, 'bus.db')}`;
let bus: MessageBus;

const event = (id: string, name: string, data: Record<string, unknown>): CloudEvent => {
  const type = `pledgebook.appraisal.${name}.v1`;
  return {
    specversion: '1.0',
    id,
    source: '/bureaus/weihai/appraisal-service',
    type,
    subject: 'rounds/2026-H1',
    time: '2026-07-10T02:00:00.000Z',
    datacontenttype: 'application/json',
    dataschema: dataSchemaUri(type),
    data,
    bureauid: 'weihai',
    actorid: 'system',
    correlationid: 'c-1',
    causationid: 'c-1',
    streamid: 'appraisal-round-weihai.2026.H1',
    streamrevision: 9,
    hash: 'a'.repeat(64),
  };
};
const result = (id: string, memberId: string, points: number, grade: string, gradeLabel: string) =>
  event(id, 'result-finalized', { bureauId: 'weihai', roundId: 'weihai.2026.H1', year: 2026, half: 'H1', memberId, partyStatus: 'full', points, grade, gradeLabel, schemeVersion: 1, finalizedAt: '2026-07-10T02:00:00.000Z' });

beforeAll(async () => {
  bus = await openMessageBus(url);
  const sun = result('018f0000-0000-7000-8000-000000000001', 'sun', 92.5, 'excellent', '优秀');
  await bus.publish(Topics.appraisal, [
    { key: 'weihai.2026.H1', value: event('018f0000-0000-7000-8000-000000000000', 'round-opened', { bureauId: 'weihai', roundId: 'weihai.2026.H1', year: 2026, half: 'H1', schemeVersion: 1, subjects: 2, openedAt: '2026-06-22T02:00:00.000Z' }) },
    { key: 'weihai.2026.H1', value: sun },
    // At-least-once delivery: the same event again (a relay that resumed from its checkpoint).
    { key: 'weihai.2026.H1', value: sun },
    { key: 'weihai.2026.H1', value: result('018f0000-0000-7000-8000-000000000002', 'wu', 78, 'qualified', '合格') },
  ]);
});

afterAll(async () => {
  await bus.close();
  rmSync(dir, { recursive: true, force: true });
});

it('hands over each final result once, checked against its schema', async () => {
  const results: FinalizedResult[] = [];
  const consumer = await followFinalizedResults(bus, 'test-integrator', (r) => void results.push(r));
  for (let waited = 0; results.length < 2 && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 300));
  await consumer.stop();
  expect(results.map((r) => [r.memberId, r.points, r.gradeLabel])).toEqual([
    ['sun', 92.5, '优秀'],
    ['wu', 78, '合格'],
  ]);
  expect(formatResult(results[0]!)).toBe('weihai\t2026上半年\tsun\tfull\t92.50\t优秀\t(excellent, scheme v1, final 2026-07-10T02:00:00.000Z)');
});

it('runs as a script; its consumer group keeps its place between runs', () => {
  const run = () => execFileSync(process.execPath, ['-r', require.resolve('@swc-node/register'), join(__dirname, 'main.ts'), '--bus', url, '--group', 'script-integrator', '--until-idle-ms', '1500'], { encoding: 'utf8' });
  expect(run().trim().split('\n')).toEqual([expect.stringContaining('\tsun\t'), expect.stringContaining('\twu\t')]);
  expect(run().trim()).toBe('');
}, 60_000);
