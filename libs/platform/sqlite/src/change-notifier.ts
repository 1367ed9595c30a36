import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * Wakes waiters when the database file changes — from this process or any other.
 * Commits in WAL mode write the `-wal` file, which inotify reports within a millisecond;
 * a slow timer is the fallback where file events are not delivered. Idle cost: none.
 */
export class ChangeNotifier {
  private waiters = new Set<() => void>();
  private changes = 0;
  private watcher?: FSWatcher;

  private closed = false;

  constructor(private readonly file: string) {}

  /** Watches only once someone waits: a process that only writes pays nothing per commit. */
  private ensureWatcher(): void {
    if (this.watcher || this.closed) return;
    const name = basename(this.file);
    try {
      this.watcher = watch(dirname(this.file), { persistent: false }, (_event, changed) => {
        if (!changed || changed.toString().startsWith(name)) this.notify();
      });
      this.watcher.on('error', () => this.closeWatcher());
    } catch {
      this.watcher = undefined;
    }
  }

  /** Take this before reading; pass it to `wait` so a change in between is not slept through. */
  get generation(): number {
    return this.changes;
  }

  notify(): void {
    this.changes += 1;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  /** Resolves on the next change (or at once if one came after `since`), after `timeoutMs`, or on abort. */
  wait(timeoutMs: number, signal?: AbortSignal, since?: number): Promise<void> {
    this.ensureWatcher();
    return new Promise((resolve) => {
      if (signal?.aborted || (since !== undefined && since !== this.changes)) return resolve();
      const wake = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', wake);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiters.add(wake);
      signal?.addEventListener('abort', wake, { once: true });
    });
  }

  close(): void {
    this.closed = true;
    this.closeWatcher();
    this.notify();
  }

  private closeWatcher(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }
}
