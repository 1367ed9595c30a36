import type { ReadModelStore } from './types';

const LEASES = '_leases';

interface LeaseDocument {
  _id: string;
  owner: string;
  /** Epoch milliseconds until which the owner holds it unless it renews. */
  until: number;
  [key: string]: unknown;
}

export interface LeaseOptions {
  /** What the lease guards, e.g. `pledge-service.worker`. */
  name: string;
  /** Who asks: unique per process (host name and process id). */
  owner: string;
  /** How long a holder keeps the lease without renewing it. */
  ttlMs: number;
  now?: () => number;
}

/**
 * A single-owner lock kept in the read-model store: a document naming its owner and expiry,
 * claimed and renewed in a store transaction, so two claimants never both succeed (SQLite
 * serialises writers; MongoDB's transactions make one of two conflicting writes fail).
 */
export class Lease {
  private readonly now: () => number;

  constructor(
    private readonly views: ReadModelStore,
    private readonly options: LeaseOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Claims the lease if it is free, expired or already ours, and extends it. True when held. */
  async claim(): Promise<boolean> {
    try {
      return await this.views.transaction(async (tx) => {
        const leases = tx.collection<LeaseDocument>(LEASES, 1);
        const current = await leases.findById(this.options.name);
        const now = this.now();
        if (current && current.owner !== this.options.owner && current.until > now) return false;
        await leases.replace({ _id: this.options.name, owner: this.options.owner, until: now + this.options.ttlMs });
        return true;
      });
    } catch {
      // A conflicting claim won, or the store did not answer: not held this time.
      return false;
    }
  }

  /** Gives the lease up at once if we hold it (a clean shutdown lets the standby take over). */
  async release(): Promise<void> {
    await this.views.transaction(async (tx) => {
      const leases = tx.collection<LeaseDocument>(LEASES, 1);
      const current = await leases.findById(this.options.name);
      if (current?.owner === this.options.owner) await leases.delete(this.options.name);
    });
  }

  get owner(): string {
    return this.options.owner;
  }

  async holder(): Promise<string | undefined> {
    const current = await this.views.collection<LeaseDocument>(LEASES).findById(this.options.name);
    return current && current.until > this.now() ? current.owner : undefined;
  }
}

export interface HeldLease {
  /** True while the lease is ours and not past the expiry of our last renewal. */
  isHeld(): boolean;
  /** Stops claiming and releases the lease if held. */
  stop(): Promise<void>;
}

/**
 * Keeps claiming a lease: every third of its lifetime while waiting, and to renew it while held.
 * `acquired` runs once when it is first held; `lost` once if a renewal fails before it expires
 * (another owner took it, or the store stayed unreachable): the holder must stop its work.
 */
export function holdLease(lease: Lease, ttlMs: number, handlers: { acquired(): void | Promise<void>; lost(): void }): HeldLease {
  let held = false;
  let stopped = false;
  let lastRenewal = 0;
  let validUntil = 0;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    if (stopped) return;
    const claimedAt = Date.now();
    const ok = await lease.claim();
    if (stopped) return;
    if (ok) {
      lastRenewal = Date.now();
      validUntil = claimedAt + ttlMs;
      if (!held) {
        held = true;
        await handlers.acquired();
      }
    } else if (held) {
      const holder = await lease.holder().catch(() => lease.owner);
      // Someone else holds it now, or we could not renew for half its life: stop before it expires.
      if (holder !== lease.owner || Date.now() - lastRenewal > ttlMs / 2) {
        held = false;
        stopped = true;
        handlers.lost();
        return;
      }
    }
    timer = setTimeout(() => void tick(), Math.max(50, Math.floor(ttlMs / 3)));
  };
  void tick();
  return {
    isHeld: () => held && Date.now() < validUntil,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (held) await lease.release().catch(() => undefined);
      held = false;
    },
  };
}
