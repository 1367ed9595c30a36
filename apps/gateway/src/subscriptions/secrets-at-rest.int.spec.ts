// Webhook signing secrets at rest (ADR 0082): the stored row holds only AES-256-GCM ciphertext
// and the id of its key; no answer after creation shows a secret; rows written in plain text
// before, or sealed under an older key, are sealed under the current key when read; deliveries
// still verify with the official Standard Webhooks library.
import { COLLECTIONS, SecretKeyUnknown } from '@pledgebook/gateway-subscriptions';
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { deliveryKit, eventually, openHarness, startReceiver, SYSTEM_ADMIN, type DeliveryKit, type Harness } from './testing/delivery-harness';

let h: Harness;
const kits: DeliveryKit[] = [];
const receivers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const kit of kits.splice(0)) await kit.stop();
  await h?.close();
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

const owner = { bureauId: 'weihai', subscriberId: 'cadre-records' };
const scope = { bureauId: 'weihai', includeDescendants: true };
const k1 = { keyId: 'k1', key: randomBytes(32) };
const k2 = { keyId: 'k2', key: randomBytes(32) };
const raw = (id: string) => h.views.collection<{ _id: string } & Record<string, unknown>>(COLLECTIONS.subscriptions).findById(id);
const kitWith = (secretKeys = [k1]) => {
  const kit = deliveryKit(h, { secretKeys });
  kits.push(kit);
  return kit;
};
const receiving = async () => {
  const r = await startReceiver();
  receivers.push(r);
  return r;
};
/** The secret's key material (after `whsec_`), as it would appear in a row holding it. */
const material = (secret: string) => secret.slice('whsec_'.length);

describe('webhook secrets at rest', () => {
  it('stores only ciphertext and its key id; list and get never show the secret; deliveries verify with the official library', async () => {
    h = await openHarness();
    const kit = kitWith();
    const receiver = await receiving();
    const created = await kit.service.create(SYSTEM_ADMIN, { owner, topic: h.topic, bureauScope: scope, target: { url: receiver.url } });
    expect(created.secret).toMatch(/^whsec_/);
    const rotated = await kit.service.rotateSecret(SYSTEM_ADMIN, created.subscriptionId, 3_600);

    const row = await raw(created.subscriptionId);
    const text = JSON.stringify(row);
    for (const secret of [created.secret!, rotated.secret]) expect(text).not.toContain(material(secret));
    expect(text).not.toContain('whsec_');
    expect(row!['secrets']).toEqual([
      { secretId: rotated.secretId, createdAt: expect.any(String), sealed: { alg: 'A256GCM', keyId: 'k1', iv: expect.any(String), data: expect.any(String), tag: expect.any(String) } },
      expect.objectContaining({ secretId: created.secrets[0]!.secretId, expiresAt: rotated.previousSecretsSignUntil, sealed: expect.objectContaining({ keyId: 'k1' }) }),
    ]);
    const shown = JSON.stringify([await kit.service.get(SYSTEM_ADMIN, created.subscriptionId), await kit.service.list(SYSTEM_ADMIN, 50)]);
    for (const secret of [created.secret!, rotated.secret]) expect(shown).not.toContain(material(secret));
    expect(shown).not.toContain('sealed');

    kit.worker.start();
    const event = await h.publish('pledge-1', 1, 'weihai');
    await eventually(() => receiver.received.length === 1, 10_000, 'the delivery');
    const delivered = receiver.received[0]!;
    for (const secret of [created.secret!, rotated.secret]) expect(new Webhook(secret).verify(delivered.body, delivered.headers as Record<string, string>)).toEqual(event);
    expect(() => new Webhook(`whsec_${randomBytes(32).toString('base64')}`).verify(delivered.body, delivered.headers as Record<string, string>)).toThrow();
  }, 30_000);

  it('seals a row written in plain text when it is read, and delivers signed with that secret', async () => {
    h = await openHarness();
    const kit = kitWith();
    const receiver = await receiving();
    const created = await kit.service.create(SYSTEM_ADMIN, { owner, topic: h.topic, bureauScope: scope, target: { url: receiver.url } });
    // A row as the gateway wrote it before secrets were sealed.
    const legacy = `whsec_${randomBytes(32).toString('base64')}`;
    const row = (await raw(created.subscriptionId))!;
    const plain = { ...row, _id: created.subscriptionId, secrets: [{ secretId: 'legacy', secret: legacy, createdAt: '2025-12-01T00:00:00.000Z' }] };
    await h.views.transaction(async (tx) => tx.collection<typeof plain>(COLLECTIONS.subscriptions).replace(plain));

    kit.worker.start();
    await eventually(async () => !JSON.stringify(await raw(created.subscriptionId)).includes(material(legacy)), 5_000, 'the row sealed');
    const sealed = (await raw(created.subscriptionId))!;
    expect(sealed['secrets']).toEqual([{ secretId: 'legacy', createdAt: '2025-12-01T00:00:00.000Z', sealed: expect.objectContaining({ keyId: 'k1' }) }]);
    expect(sealed['version']).toBe(row['version']);

    const event = await h.publish('pledge-2', 1, 'rongcheng');
    await eventually(() => receiver.received.length === 1, 10_000, 'the delivery');
    expect(new Webhook(legacy).verify(receiver.received[0]!.body, receiver.received[0]!.headers as Record<string, string>)).toEqual(event);
  }, 30_000);

  it('re-seals under the new key when keys rotate, and a row whose key is no longer given does not open', async () => {
    h = await openHarness();
    const before = kitWith([k1]);
    const created = await before.service.create(SYSTEM_ADMIN, { owner, topic: h.topic, bureauScope: scope, target: { url: 'http://127.0.0.1:9/hooks' } });
    await before.stop();

    const after = kitWith([k2, k1]);
    const opened = await after.store.get(created.subscriptionId);
    expect(opened!.secrets[0]!.secret).toBe(created.secret);
    expect((await raw(created.subscriptionId))!['secrets']).toEqual([expect.objectContaining({ sealed: expect.objectContaining({ keyId: 'k2' }) })]);

    const onlyOld = kitWith([k1]);
    await expect(onlyOld.store.get(created.subscriptionId)).rejects.toBeInstanceOf(SecretKeyUnknown);
    const onlyNew = kitWith([k2]);
    expect((await onlyNew.store.get(created.subscriptionId))!.secrets[0]!.secret).toBe(created.secret);
  }, 30_000);
});
