import type { Principal } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { REMINDER_KINDS, type ReminderKind } from './domain/kinds';
import type { PersonState } from './domain/person';
import { INBOX, type InboxDoc } from './inbox.projection';
import type { PersonWrites } from './person-writes';

/** What the routes do with a person's reminders: reads from the inbox view, writes through the person's stream. */
export class RemindersService {
  constructor(
    private readonly views: ReadModelStore,
    private readonly writes: PersonWrites,
    private readonly mailConfigured: boolean,
    private readonly now: () => Date,
  ) {}

  async list(p: Principal, q: { limit: number; cursor?: string; unreadOnly: boolean }) {
    const inbox = this.views.collection<InboxDoc>(INBOX);
    const mine = { bureauId: p.bureauId, memberId: p.subject };
    const page = await inbox.find({ ...mine, ...(q.unreadOnly ? { read: false } : {}) }, { sort: { issuedAt: -1 }, limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) });
    return {
      items: page.items.map(({ _id, bureauId: _b, memberId: _m, ...item }) => item),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      unread: await inbox.count({ ...mine, read: false }),
    };
  }

  async markRead(p: Principal, reminderIds: string[] | 'all', correlationId: string) {
    const { state, events } = await this.writes.handle(p.bureauId, p.subject, { type: 'MarkRead', reminderIds, at: this.now().toISOString() }, this.meta(p, correlationId));
    // The decider marks only reminders still unread: what it recorded is what this call read.
    const read = events.reduce((n, e) => n + (e.type === 'RemindersRead' ? e.data.reminderIds.length : 0), 0);
    return { read, unread: unread(state) };
  }

  async settings(p: Principal) {
    return this.answer(await this.writes.load(p.bureauId, p.subject));
  }

  async changeSettings(p: Principal, body: { muted: ReminderKind[]; email: string | null }, correlationId: string) {
    const { state } = await this.writes.handle(p.bureauId, p.subject, { type: 'ChangeSettings', muted: body.muted, email: body.email, at: this.now().toISOString() }, this.meta(p, correlationId));
    return this.answer(state);
  }

  private answer(state: PersonState) {
    return { kinds: [...REMINDER_KINDS], muted: state.muted, email: state.email ?? null, mailConfigured: this.mailConfigured };
  }

  private meta(p: Principal, correlationId: string) {
    return { bureauId: p.bureauId, actorId: p.subject, actorRole: p.roles[0] ?? 'member', correlationId, causationId: correlationId };
  }
}

const unread = (s: PersonState) => Object.values(s.issued).filter((r) => !r.read).length;
