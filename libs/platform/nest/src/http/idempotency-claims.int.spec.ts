import { openReadModelStore } from '@pledgebook/infrastructure';
import type { ReadModelStore } from '@pledgebook/read-model';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IdempotencyClaims } from './idempotency-claims';

const dir = mkdtempSync(join(tmpdir(), 'pledgebook-claims-'));
let views: ReadModelStore;
let now = 1_000_000;

beforeAll(async () => {
  views = await openReadModelStore(`sqlite:${join(dir, 'views.db')}`);
});
afterAll(async () => {
  await views.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('idempotency claims in the read-model store', () => {
  const claims = () => new IdempotencyClaims(views, 6_000, () => now);

  it('lets one owner run a key; another waits, then replays the stored answer', async () => {
    expect(await claims().claim('u|k1', 'hash', 'replica-a')).toEqual({ outcome: 'claimed' });
    expect(await claims().claim('u|k1', 'hash', 'replica-b')).toEqual({ outcome: 'busy' });
    expect(await claims().claim('u|k1', 'other hash', 'replica-b')).toEqual({ outcome: 'reused' });
    await claims().complete({ _id: 'u|k1', requestHash: 'hash', status: 201, body: { ok: true }, headers: {}, storedAt: 'then' });
    expect(await claims().claim('u|k1', 'hash', 'replica-b')).toMatchObject({ outcome: 'done', stored: { status: 201, body: { ok: true } } });
  });

  it('frees the claim of an owner that stopped renewing it (a process that died)', async () => {
    expect((await claims().claim('u|k2', 'hash', 'dead')).outcome).toBe('claimed');
    now += 5_000;
    expect((await claims().claim('u|k2', 'hash', 'retry')).outcome).toBe('busy');
    now += 1_001;
    expect((await claims().claim('u|k2', 'hash', 'retry')).outcome).toBe('claimed');
  });

  it('gives a released claim to the next request', async () => {
    expect((await claims().claim('u|k3', 'hash', 'failed')).outcome).toBe('claimed');
    await claims().release('u|k3', 'someone else');
    expect((await claims().claim('u|k3', 'hash', 'retry')).outcome).toBe('busy');
    await claims().release('u|k3', 'failed');
    expect((await claims().claim('u|k3', 'hash', 'retry')).outcome).toBe('claimed');
  });
});
