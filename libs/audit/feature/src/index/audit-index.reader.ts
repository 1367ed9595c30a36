import { ancestorsOf, type PledgeSubject } from '@pledgebook/audit-domain';
import { findAll, type ReadModelStore } from '@pledgebook/read-model';
import { AUDIT_ENTRIES, AUDIT_SUBJECTS, type AuditEntry, type AuditLogDoc, type BureauDoc, type PledgeDoc } from './audit-index.views';

const PAGE = 1000;

/** Reads the audit index: subjects, the bureau hierarchy, and the entries under a key in global order. */
export class AuditIndex {
  constructor(private readonly views: ReadModelStore) {}

  async pledge(pledgeId: string): Promise<PledgeSubject | undefined> {
    const doc = (await this.views.collection<PledgeDoc>(AUDIT_SUBJECTS).findById(`pledge/${pledgeId.toLowerCase()}`)) as PledgeDoc | undefined;
    return doc?.subject;
  }

  async bureauExists(bureauId: string): Promise<boolean> {
    return (await this.views.collection<BureauDoc>(AUDIT_SUBJECTS).findById(`bureau/${bureauId}`)) !== undefined;
  }

  /** The authorities above a bureau, nearest first. */
  async ancestors(bureauId: string): Promise<string[]> {
    const parents = new Map<string, string | undefined>();
    let current: string | undefined = bureauId;
    while (current && !parents.has(current) && parents.size < 32) {
      const doc = (await this.views.collection<BureauDoc>(AUDIT_SUBJECTS).findById(`bureau/${current}`)) as BureauDoc | undefined;
      parents.set(current, doc?.parentBureauId ?? undefined);
      current = doc?.parentBureauId ?? undefined;
    }
    return ancestorsOf(bureauId, (id) => parents.get(id));
  }

  /** One page of a key's entries after a position, in global order (optionally only those recorded by `asOf`). */
  async entries(key: string, options: { after?: number; limit: number; asOf?: string }): Promise<AuditEntry[]> {
    const filter: Record<string, unknown> = { key, position: { $gt: options.after ?? 0 }, ...(options.asOf ? { recordedAt: { $lte: options.asOf } } : {}) };
    const page = await this.views.collection<AuditEntry>(AUDIT_ENTRIES).find(filter, { sort: { position: 1 }, limit: options.limit });
    return page.items;
  }

  /** Every entry under a key, page by page (an export, the streams a subject appears in). */
  async *allEntries(key: string, asOf?: string): AsyncGenerator<AuditEntry> {
    let after = 0;
    for (;;) {
      const page = await this.entries(key, { after, limit: PAGE, ...(asOf ? { asOf } : {}) });
      yield* page;
      if (page.length < PAGE) return;
      after = page[page.length - 1]!.position;
    }
  }

  /** The bureaus the events under a key were recorded for. */
  async bureausUnder(key: string): Promise<string[]> {
    const bureaus = new Set<string>();
    for await (const entry of this.allEntries(key)) if (entry.bureauId) bureaus.add(entry.bureauId);
    return [...bureaus];
  }

  /** Where an event is filed (any one of its entries), by its id. */
  async locate(eventId: string): Promise<AuditEntry | undefined> {
    const { items } = await this.views.collection<AuditEntry>(AUDIT_ENTRIES).find({ eventId }, { limit: 1 });
    return items[0];
  }

  /** Every audit-log stream the index has seen. */
  async auditLogStreams(): Promise<string[]> {
    const docs = await findAll(this.views.collection<AuditLogDoc>(AUDIT_SUBJECTS), { kind: 'audit-log' });
    return docs.map((d) => d.stream).sort();
  }

  async count(key: string): Promise<number> {
    return this.views.collection<AuditEntry>(AUDIT_ENTRIES).count({ key });
  }
}
