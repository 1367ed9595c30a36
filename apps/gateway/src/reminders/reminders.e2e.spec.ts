import { dataSchemaUri, Topics, type CloudEvent } from '@pledgebook/contracts';
import { openEventStore, openMessageBus } from '@pledgebook/infrastructure';
import type { Caller, Harness } from '@pledgebook/nest/testing';
import { startServiceProcess } from '@pledgebook/nest/testing';
import { newId } from '@pledgebook/util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { account, ADMIN_PASSWORD, freePort, login } from '../subscriptions/testing/processes';

jest.setTimeout(180_000);

const BUREAU = 'rongcheng';

function event(type: string, key: string, data: Record<string, unknown>): CloudEvent {
  return {
    specversion: '1.0',
    id: newId(),
    source: `/bureaus/${BUREAU}/test`,
    type,
    subject: `things/${key}`,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    dataschema: dataSchemaUri(type),
    data,
    bureauid: BUREAU,
    actorid: 'admin',
    correlationid: newId(),
    causationid: newId(),
    streamid: `s-${key}`,
    streamrevision: 0,
    hash: '0'.repeat(64),
  };
}

const member = (memberId: string, roles: string[]) =>
  event('pledgebook.pledge.member-added.v1', memberId, { memberId, bureauId: BUREAU, name: memberId, partyStatus: 'full', branchId: 'b1', groupId: 'g1', roles, joinedOn: '2026-01-05' });
const returned = (pledgeId: string, round: number, itemNo: number) =>
  event('pledgebook.review.pledge-returned.v1', pledgeId, { pledgeId, reviewId: pledgeId, round, stage: round === 1 ? 'group' : 'branch', verdicts: [{ itemNo, verdict: 'revise', reason: '目標要可檢查' }], decidedBy: 'wang', decidedAt: new Date().toISOString() });

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  for (let waited = 0; ; waited += 200) {
    const found = await probe();
    if (found !== undefined) return found;
    if (waited > ms) throw new Error(`never: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A real SMTP server in this process; mail to refused@… is refused for good (550). */
async function smtpServer(port: number) {
  const received: Array<{ to: string[]; raw: string }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('refused@')) return callback(Object.assign(new Error('no such mailbox'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

type Inbox = { items: Array<{ reminderId: string; kind: string; read: boolean; mail?: string; content: Record<string, unknown> }>; unread: number; nextCursor?: string };

describe('reminders reach people: the gateway as a process, mail through a real SMTP server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reminders-e2e-'));
  let smtpPort: number;
  let gateway: Harness;
  let li: Caller;
  let zhao: Caller;
  const inbox = async (who: Caller, query = '') => (await gateway.call(who, 'GET', `/api/v1/me/reminders${query}`)).body as Inbox;

  beforeAll(async () => {
    smtpPort = await freePort();
    gateway = await startServiceProcess(join(__dirname, '..', 'main.ts'), {
      dataDir: dir,
      portVariable: 'PLEDGEBOOK_GATEWAY_PORT',
      trustTestKey: false,
      env: { PLEDGEBOOK_ADMIN_PASSWORD: ADMIN_PASSWORD, REMINDERS_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, REMINDERS_SCAN_SECONDS: '1' },
    });
    const root = await login(gateway, 'admin', ADMIN_PASSWORD);
    li = await account(gateway, root, BUREAU, 'li.ming', 'li', ['member']);
    zhao = await account(gateway, root, BUREAU, 'zhao.hua', 'zhao', ['member', 'branch-secretary']);
  });
  afterAll(async () => {
    await gateway?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses bad input naming the field, no token (401) and a machine account (403)', async () => {
    expect((await gateway.call(undefined, 'GET', '/api/v1/me/reminders')).status).toBe(401);
    const bad = await gateway.call(li, 'GET', '/api/v1/me/reminders?limit=0');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('limit');
    const badKind = await gateway.call(li, 'PUT', '/api/v1/me/reminder-settings', { muted: ['no-such-kind'], email: null });
    expect(badKind.status).toBe(400);
    expect(JSON.stringify(badKind.body)).toContain('muted');
    const badMail = await gateway.call(li, 'PUT', '/api/v1/me/reminder-settings', { muted: [], email: 'not an address' });
    expect(badMail.status).toBe(400);
    expect(JSON.stringify(badMail.body)).toContain('email');
    const badRead = await gateway.call(li, 'POST', '/api/v1/me/reminders/read', {});
    expect(badRead.status).toBe(400);
    expect(JSON.stringify(badRead.body)).toContain('reminderIds');
    expect((await gateway.call(li, 'POST', '/api/v1/me/reminders/read', { reminderIds: [newId()] })).status).toBe(404);
    const root = await login(gateway, 'admin', ADMIN_PASSWORD);
    const machine = await account(gateway, root, BUREAU, 'feed', 'feed', ['subscriber']);
    expect((await gateway.call(machine, 'GET', '/api/v1/me/reminders')).status).toBe(403);
    expect((await gateway.call(machine, 'GET', '/api/v1/me/reminder-settings')).status).toBe(403);
  });

  it('a returned book reaches the member once, inbox and mail; mail waits for the server; muted kinds stay out; a restart duplicates nothing', async () => {
    const settings = await gateway.call(li, 'PUT', '/api/v1/me/reminder-settings', { muted: [], email: 'li@example.org' });
    expect(settings.body).toMatchObject({ muted: [], email: 'li@example.org', mailConfigured: true });
    await gateway.call(zhao, 'PUT', '/api/v1/me/reminder-settings', { muted: ['talk-due'], email: 'refused@example.org' });

    // The services' relays publish on the bus; the appraisal service's talk stays in its own stream.
    const bus = await openMessageBus(`sqlite:${join(dir, 'bus.db')}`);
    const events = await openEventStore(`sqlite:${join(dir, 'eventstore.db')}`);
    const pledgeId = newId();
    await bus.publish(Topics.pledge, [{ key: 'li', value: member('li', ['member']) }, { key: 'zhao', value: member('zhao', ['member', 'branch-secretary']) }]);
    await bus.publish(Topics.pledge, [{ key: pledgeId, value: event('pledgebook.pledge.pledge-drafted.v1', pledgeId, { pledgeId, bureauId: BUREAU, year: 2026, pledger: { type: 'individual', memberIds: ['li'] }, branchId: 'b1', groupId: 'g1' }) }]);
    await bus.publish(Topics.review, [{ key: pledgeId, value: returned(pledgeId, 1, 2) }]);
    await events.append('appraisal-talk-rongcheng.t1', [
      {
        type: 'ReminderTalkScheduled',
        data: { talkId: 't1', bureauId: BUREAU, branchId: 'b1', memberId: 'li', year: 2026, quarter: 1, scheduledOn: '2026-04-01', dueOn: '2026-04-15', items: [], at: '2026-04-01T02:00:00.000Z' },
        metadata: { bureauId: BUREAU, actorId: 'zhao', actorRole: 'branch-secretary', correlationId: 'c', causationId: 'c' },
      },
    ]);

    const mine = await until('li’s two reminders', async () => {
      const page = await inbox(li);
      return page.items.length === 2 ? page : undefined;
    });
    expect(mine.unread).toBe(2);
    expect(mine.items.map((i) => i.kind).sort()).toEqual(['book-returned', 'talk-due']);
    const book = mine.items.find((i) => i.kind === 'book-returned')!;
    expect(book.content).toEqual({ pledgeId, round: 1, stage: 'group', itemNos: [2] });
    expect(JSON.stringify(mine)).not.toContain('目標要可檢查');
    // The talk is past its date: the due scan tells the secretary (he muted talk-due, not talk-overdue).
    const overdue = await until('zhao’s talk-overdue', async () => (await inbox(zhao)).items.find((i) => i.kind === 'talk-overdue'));
    expect(overdue.content).toMatchObject({ talkId: 't1', memberId: 'li', dueOn: '2026-04-15' });
    expect((await inbox(zhao)).items.map((i) => i.kind)).toEqual(['talk-overdue']);

    // No mail server listened so far: li's mails waited, and go out once it does.
    expect(mine.items.every((i) => i.mail === undefined)).toBe(true);
    const smtp = await smtpServer(smtpPort);
    try {
      await until('li’s mails sent', async () => ((await inbox(li)).items.every((i) => i.mail === 'sent') ? true : undefined), 90_000);
      const toLi = smtp.received.filter((m) => m.to.includes('li@example.org'));
      expect(toLi).toHaveLength(2);
      expect(toLi.some((m) => m.raw.includes(`<${book.reminderId}@pledgebook>`))).toBe(true);
      // The secretary's address is refused for good (550): recorded, not retried, and no one else's mail waits for it.
      await until('zhao’s mail refused', async () => ((await inbox(zhao)).items[0]?.mail === 'refused' ? true : undefined));

      // Read one; killed and started again on the same files: nothing issued or mailed twice.
      expect((await gateway.call(li, 'POST', '/api/v1/me/reminders/read', { reminderIds: [book.reminderId] })).body).toEqual({ read: 1, unread: 1 });
      expect((await inbox(li, '?unread=true')).items.map((i) => i.kind)).toEqual(['talk-due']);
      await gateway.kill();
      await gateway.restart();
      await bus.publish(Topics.review, [{ key: pledgeId, value: returned(pledgeId, 2, 1) }]);
      const after = await until('li’s third reminder, mailed', async () => {
        const page = await inbox(li);
        return page.items.length === 3 && page.items.every((i) => i.mail === 'sent') ? page : undefined;
      });
      expect(after.unread).toBe(2);
      expect(smtp.received.filter((m) => m.to.includes('li@example.org'))).toHaveLength(3);
      // Paged: newest first.
      const first = await inbox(li, '?limit=2');
      expect(first.items).toHaveLength(2);
      expect(first.items[0]!.content['round']).toBe(2);
      const rest = await inbox(li, `?limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`);
      expect(rest.items).toHaveLength(1);

      // Muted: no inbox entry and no mail of that kind; other kinds still come.
      await gateway.call(li, 'PUT', '/api/v1/me/reminder-settings', { muted: ['book-returned'], email: 'li@example.org' });
      await bus.publish(Topics.review, [{ key: pledgeId, value: returned(pledgeId, 3, 1) }]);
      const noticeId = newId();
      await bus.publish(Topics.appraisal, [
        { key: noticeId, value: event('pledgebook.appraisal.results-on-notice.v1', noticeId, { bureauId: BUREAU, roundId: noticeId, noticeId, year: 2026, half: 'H1', members: 2, startsOn: '2026-07-06', endsOn: '2026-07-10', workingDays: 5 }) },
      ]);
      const final = await until('the notice reaches li', async () => {
        const page = await inbox(li);
        return page.items.some((i) => i.kind === 'notice-started' && i.mail === 'sent') ? page : undefined;
      });
      expect(final.items.filter((i) => i.kind === 'book-returned')).toHaveLength(2);
      expect(smtp.received.filter((m) => m.to.includes('li@example.org'))).toHaveLength(4);
      expect((await gateway.call(li, 'POST', '/api/v1/me/reminders/read', { all: true })).body).toEqual({ read: 3, unread: 0 });
    } finally {
      await smtp.close();
      await bus.close();
      await events.close();
    }
  });
});
