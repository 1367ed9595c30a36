// A follower of a Pledgebook subscription's event feed: long-polls from a saved cursor, hands
// each event on once (deduplicated by id), and saves the cursor after each page. It asks for the
// next page (the answer's Link header) as soon as a page arrives, and handles this one meanwhile.
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

/**
 * The next page's address and cursor, from an answer's `Link: <?cursor=…>; rel="next"` header,
 * resolved against the address asked at. Only the same feed is followed (same origin and path):
 * the token is never sent anywhere else.
 */
function nextPage(response: Response, asked: string): { url: string; cursor: string } | undefined {
  const target = /<([^>]+)>\s*;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
  if (!target) return undefined;
  const url = new URL(target, asked);
  const base = new URL(asked);
  if (url.origin !== base.origin || url.pathname !== base.pathname) return undefined;
  const cursor = url.searchParams.get('cursor');
  return cursor ? { url: url.toString(), cursor } : undefined;
}

/** Follows until the signal aborts; network errors and 5xx are retried with backoff. */
export async function follow(options: FollowOptions): Promise<void> {
  const state = load(options.stateFile);
  const seen = new Set(state.seen);
  let token = await options.token(false);
  // The next page, asked for while this one is handled; used if the cursor is still the one it was asked with.
  let ahead: { cursor: string; response: Promise<Response | Error>; abort: AbortController } | undefined;
  const get = (url: string, signal?: AbortSignal) => fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: signal ?? options.signal });
  /** Gives up a read-ahead that will not be used (its connection is not left waiting); the follower's own signal aborts it too. */
  const dropAhead = () => {
    ahead?.abort.abort();
    ahead = undefined;
  };
  for (let failures = 0; !options.signal?.aborted; ) {
    const query = new URLSearchParams({ wait: String(options.waitSeconds ?? 20), limit: String(options.limit ?? 100) });
    if (state.cursor) query.set('cursor', state.cursor);
    else if (options.since) query.set('since', options.since);
    const asked = `${options.baseUrl}/api/v1/subscriptions/${options.subscriptionId}/events?${query}`;
    let response: Response;
    try {
      const early = ahead && ahead.cursor === state.cursor ? await ahead.response : undefined;
      if (!early) dropAhead();
      ahead = undefined;
      if (early instanceof Error) throw early;
      response = early ?? (await get(asked));
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
    const next = nextPage(response, response.url || asked);
    if (next) {
      const abort = new AbortController();
      const signal = options.signal ? AbortSignal.any([options.signal, abort.signal]) : abort.signal;
      ahead = { cursor: next.cursor, abort, response: get(next.url, signal).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))) };
    }
    const page = (await response.json()) as { items: CloudEvent[]; cursor: string };
    for (const event of page.items) {
      if (seen.has(event.id)) continue;
      try {
        await options.onEvent(event);
      } catch (error) {
        dropAhead();
        throw error;
      }
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
