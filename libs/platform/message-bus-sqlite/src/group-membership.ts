import type Database from 'better-sqlite3';

export interface OwnedPartition {
  topic: string;
  partition: number;
}

export interface MembershipTimings {
  /** A member that has not renewed for this long is considered gone. */
  sessionTimeoutMs: number;
}

/**
 * One member's view of its group. `rebalance` is the heartbeat: it renews the member and its
 * leases, drops dead members, and takes or gives back partitions so every live member holds
 * its fair share. All in one write transaction, so two members never hold one partition.
 */
export class GroupMembership {
  private readonly renewLease: Database.Statement;
  private readonly storeOffset: Database.Statement;
  private readonly readOffset: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    readonly groupId: string,
    readonly memberId: string,
    private readonly topics: readonly string[],
    private readonly partitionsOf: (topic: string) => number,
    private readonly timings: MembershipTimings,
  ) {
    this.renewLease = db.prepare('UPDATE leases SET expires_at = ? WHERE group_id = ? AND topic = ? AND partition = ? AND member_id = ?');
    this.storeOffset = db.prepare(
      `INSERT INTO group_offsets (group_id, topic, partition, next_offset) VALUES (?, ?, ?, ?)
       ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = max(next_offset, excluded.next_offset)`,
    );
    this.readOffset = db.prepare('SELECT next_offset FROM group_offsets WHERE group_id = ? AND topic = ? AND partition = ?');
  }

  rebalance(now: number): OwnedPartition[] {
    return this.db
      .transaction(() => {
        const expires = now + this.timings.sessionTimeoutMs;
        this.db.prepare('DELETE FROM group_members WHERE group_id = ? AND expires_at < ?').run(this.groupId, now);
        this.db.prepare('DELETE FROM leases WHERE group_id = ? AND expires_at < ?').run(this.groupId, now);
        this.db
          .prepare(
            `INSERT INTO group_members (group_id, member_id, expires_at) VALUES (?, ?, ?)
             ON CONFLICT (group_id, member_id) DO UPDATE SET expires_at = excluded.expires_at`,
          )
          .run(this.groupId, this.memberId, expires);
        const members = (this.db.prepare('SELECT count(*) AS n FROM group_members WHERE group_id = ?').get(this.groupId) as { n: number }).n;
        const all = this.topics.flatMap((topic) => Array.from({ length: this.partitionsOf(topic) }, (_, partition) => ({ topic, partition })));
        const fairShare = Math.ceil(all.length / Math.max(1, members));
        const leases = this.db.prepare('SELECT topic, partition, member_id FROM leases WHERE group_id = ?').all(this.groupId) as {
          topic: string;
          partition: number;
          member_id: string;
        }[];
        const holder = new Map(leases.map((l) => [`${l.topic}#${l.partition}`, l.member_id]));
        const mine = all.filter((p) => holder.get(`${p.topic}#${p.partition}`) === this.memberId);
        const free = all.filter((p) => !holder.has(`${p.topic}#${p.partition}`));
        const keep = mine.slice(0, fairShare);
        for (const p of mine.slice(fairShare)) {
          this.db.prepare('DELETE FROM leases WHERE group_id = ? AND topic = ? AND partition = ? AND member_id = ?').run(this.groupId, p.topic, p.partition, this.memberId);
        }
        const take = free.slice(0, Math.max(0, fairShare - keep.length));
        const upsert = this.db.prepare(
          `INSERT INTO leases (group_id, topic, partition, member_id, expires_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (group_id, topic, partition) DO UPDATE SET member_id = excluded.member_id, expires_at = excluded.expires_at`,
        );
        for (const p of [...keep, ...take]) upsert.run(this.groupId, p.topic, p.partition, this.memberId, expires);
        return [...keep, ...take];
      })
      .immediate();
  }

  /** Extends this member's lease on a partition while a long handler runs (the heartbeat). */
  renew(topic: string, partition: number, now: number): boolean {
    return this.renewLease.run(now + this.timings.sessionTimeoutMs, this.groupId, topic, partition, this.memberId).changes === 1;
  }

  /** Commits the next offset if this member still holds the partition; false when it lost it. */
  commit(topic: string, partition: number, nextOffset: number, now: number): boolean {
    return this.db
      .transaction(() => {
        const renewed = this.renewLease.run(now + this.timings.sessionTimeoutMs, this.groupId, topic, partition, this.memberId);
        if (renewed.changes !== 1) return false;
        this.storeOffset.run(this.groupId, topic, partition, nextOffset);
        return true;
      })
      .immediate();
  }

  committedOffset(topic: string, partition: number): number {
    const row = this.readOffset.get(this.groupId, topic, partition) as { next_offset: number } | undefined;
    return row?.next_offset ?? 0;
  }

  leave(): void {
    this.db
      .transaction(() => {
        this.db.prepare('DELETE FROM leases WHERE group_id = ? AND member_id = ?').run(this.groupId, this.memberId);
        this.db.prepare('DELETE FROM group_members WHERE group_id = ? AND member_id = ?').run(this.groupId, this.memberId);
      })
      .immediate();
  }
}
