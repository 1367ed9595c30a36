// A follower of a Pledgebook subscription's event feed: long-polls from a saved cursor, hands
// each event on once (deduplicated by id), and saves the cursor after each page.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface CloudEvent {
  id: string;
  type: string;
  subject: string;
  time: string;
  bureauid: string;
  data: Record<string, unknown>;
  [attribute: string]: unknown;
}

export interface FollowOptions {
  baseUrl: string;
  subscriptionId: string;
  /** A bearer token; called again after a 401 (tokens expire). */
  token(renew: boolean): Promise<string>;
  /** Where the cursor and the recently seen ids are kept between runs. */
  stateFile: string;
  onEvent(event: CloudEvent): void | Promise<void>;
  /** Long-poll: how long the gateway may hold a request while nothing is new (seconds, ≤ 30). */
  waitSeconds?: number;
  limit?: number;
  signal?: AbortSignal;
  /** Start here when there is no saved cursor (ISO time); else from the earliest event still kept. */
  since?: string;
}

interface FollowState {
  cursor?: string;
  /** Ids handled recently: a page read again after a crash (cursor not saved yet) is not handled twice. */
  seen: string[];
}

const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((r) => {
  const t = setTimeout(r, ms);
  signal?.addEventListener('abort', () => { clearTimeout(t); r(); }, { once: true });
});

function load(file: string): FollowState {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as FollowState) : { seen: [] };
}

/** Written to a new file and renamed over the old: a crash leaves the old state or the new, never half. */
function save(file: string, state: FollowState): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
}

/** Follows until the signal aborts; network errors and 5xx are retried with backoff. */
export async function follow(options: FollowOptions): Promise<void> {
  const state = load(options.stateFile);
  const seen = new Set(state.seen);
  let token = await options.token(false);
  for (let failures = 0; !options.signal?.aborted; ) {
    const query = new URLSearchParams({ wait: String(options.waitSeconds ?? 20), limit: String(options.limit ?? 100) });
    if (state.cursor) query.set('cursor', state.cursor);
    else if (options.since) query.set('since', options.since);
    let response: Response;
    try {
      response = await fetch(`${options.baseUrl}/api/v1/subscriptions/${options.subscriptionId}/events?${query}`, { headers: { authorization: `Bearer ${token}` }, signal: options.signal });
    } catch {
      if (options.signal?.aborted) return;
      failures += 1;
      await sleep(Math.min(30_000, 500 * 2 ** failures), options.signal);
      continue;
    }
    if (response.status === 401) {
      token = await options.token(true);
      continue;
    }
    if (response.status >= 500 || response.status === 429) {
      failures += 1;
      await sleep(Math.min(30_000, 500 * 2 ** failures), options.signal);
      continue;
    }
    if (response.status !== 200) throw new Error(`the feed answered ${response.status}: ${await response.text()}`);
    failures = 0;
    const page = (await response.json()) as { items: CloudEvent[]; cursor: string };
    for (const event of page.items) {
      if (seen.has(event.id)) continue;
      await options.onEvent(event);
      // Remembered at once: if the process dies before the page's cursor is saved, the page comes
      // again and what was already handled is passed over.
      seen.add(event.id);
      save(options.stateFile, { ...state, seen: [...seen].slice(-10_000) });
    }
    state.cursor = page.cursor;
    state.seen = [...seen].slice(-10_000);
    save(options.stateFile, state);
  }
}
