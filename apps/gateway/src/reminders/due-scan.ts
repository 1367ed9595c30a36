import type { EventStore } from '@pledgebook/event-store';
import { findAll, type ReadModelStore } from '@pledgebook/read-model';
import { deterministicId, sleep } from '@pledgebook/util';
import { findDue } from './domain/due';
import { REMINDER_DUE } from './domain/facts';
import { BUREAUS, CHECKS, DUE_FOUND, MEMBERS, REVIEWS, TALKS, type BureauDoc, type MemberDoc, type ReviewDoc, type TalkDoc } from './directory.projection';
import { factsStream } from './streams';

export interface DueScanSettings {
  timeZone: string;
  intervalMs: number;
}

/**
 * What follows from time alone (a review past its deadline, a talk past its date, a month's check
 * not recorded) is not an event anywhere: this job looks every interval, with the clock given, and
 * records each finding once as a `ReminderDue` fact (its id from the finding's key), which the
 * issuing policy then handles like any other fact.
 */
export class DueScan {
  private readonly stopping = new AbortController();
  private running?: Promise<void>;

  constructor(
    private readonly events: EventStore,
    private readonly views: ReadModelStore,
    private readonly settings: DueScanSettings,
    private readonly now: () => Date,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.running ??= (async () => {
      while (!this.stopping.signal.aborted) {
        await this.scanOnce().catch(this.onError);
        await sleep(this.settings.intervalMs, this.stopping.signal);
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  /** One look at every bureau; returns how many findings were new. */
  async scanOnce(): Promise<number> {
    let recorded = 0;
    const now = this.now();
    for (const bureau of await findAll(this.views.collection<BureauDoc>(BUREAUS), {})) {
      const bureauId = bureau.bureauId;
      const members = await findAll(this.views.collection<MemberDoc>(MEMBERS), { bureauId, roles: 'group-leader' });
      const groups = new Map<string, string | undefined>();
      for (const m of members) if (m.groupId) groups.set(m.groupId, m.branchId);
      const checks = await findAll(this.views.collection<{ _id: string; groupId: string; month: string }>(CHECKS), { bureauId });
      const findings = findDue(now, this.settings.timeZone, {
        ...(bureau.deadlines ? { deadlines: bureau.deadlines } : {}),
        reviews: await findAll(this.views.collection<ReviewDoc>(REVIEWS), { bureauId }),
        talks: await findAll(this.views.collection<TalkDoc>(TALKS), { bureauId }),
        groups: [...groups].map(([groupId, branchId]) => ({ groupId, ...(branchId ? { branchId } : {}) })),
        checksRecorded: new Set(checks.map((c) => `${c.groupId}|${c.month}`)),
      });
      for (const finding of findings) {
        if (await this.views.collection(DUE_FOUND).findById(`${bureauId}/${finding.key}`)) continue;
        const id = deterministicId(`gateway.reminders.due|${bureauId}|${finding.key}`);
        const result = await this.events.append(
          factsStream(bureauId),
          [{ id, type: REMINDER_DUE, data: { key: finding.key, fact: finding.fact, foundAt: now.toISOString() }, metadata: { bureauId, actorId: 'system', actorRole: 'system', correlationId: id, causationId: id } }],
          { expectedRevision: 'any' },
        );
        if (!result.idempotent) recorded += 1;
      }
    }
    return recorded;
  }
}
