// A webhook receiver for Pledgebook subscriptions: verifies the Standard Webhooks signature,
// acknowledges at once, and hands each event on once (deduplicated by its id).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';

/** A CloudEvent as Pledgebook sends it (structured mode: the whole event is the body). */
export interface CloudEvent {
  id: string;
  type: string;
  source: string;
  subject: string;
  time: string;
  bureauid: string;
  data: Record<string, unknown>;
  [attribute: string]: unknown;
}

export interface ReceiverOptions {
  /** The subscription's signing secrets (`whsec_…`); during a rotation, both the new and the old. */
  secrets: readonly string[];
  /** Called once per event id, in the order events arrive. */
  onEvent(event: CloudEvent): void | Promise<void>;
  /** Ids already handled (e.g. loaded from disk); the receiver adds to it. */
  seen?: Set<string>;
  /** Called after an id is added to `seen` (persist it). */
  remember?(id: string): void;
  /** Largest body accepted. */
  maxBytes?: number;
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        resolve(undefined);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Verifies with any of the secrets; returns the event, or undefined when no signature matches. */
export function verify(secrets: readonly string[], body: string, headers: Record<string, string>): CloudEvent | undefined {
  for (const secret of secrets) {
    try {
      // The two lines that matter: the library checks the signature and the timestamp (5 minutes).
      const webhook = new Webhook(secret);
      return webhook.verify(body, headers) as CloudEvent;
    } catch {
      /* try the next secret */
    }
  }
  return undefined;
}

/**
 * The HTTP server: POST with a valid signature → 204 (a duplicate too: it was handled before);
 * a bad or stale signature → 401; anything else → 404/405/413. The body is verified as received,
 * before any JSON parsing.
 */
export function createReceiver(options: ReceiverOptions): Server {
  const seen = options.seen ?? new Set<string>();
  let queue = Promise.resolve();
  return createServer(async (req, res) => {
    if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end();
    const body = await readBody(req, options.maxBytes ?? 1024 * 1024).catch(() => undefined);
    if (body === undefined) return void res.writeHead(413).end();
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]));
    const event = verify(options.secrets, body, headers);
    if (!event) return void res.writeHead(401, { 'content-type': 'text/plain' }).end('signature not valid');
    // At least once: the same event may come again (a retry, a replay). Its id says so.
    if (!seen.has(event.id)) {
      seen.add(event.id);
      // Handled one after another, in the order received.
      const handled = queue.then(() => options.onEvent(event));
      queue = handled.catch(() => undefined);
      try {
        await handled;
        options.remember?.(event.id);
      } catch (error) {
        seen.delete(event.id);
        return void res.writeHead(500, { 'content-type': 'text/plain' }).end(error instanceof Error ? error.message : 'failed');
      }
    }
    res.writeHead(204).end();
  });
}
