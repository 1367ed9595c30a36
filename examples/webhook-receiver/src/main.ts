// `npm run example:webhook-receiver -- --username <account> --password <password>` (or PLEDGEBOOK_PASSWORD)
// Subscribes to Pledgebook (the gateway at --url, default http://127.0.0.1:3000) with a
// webhook to this process and prints every event it receives, once. The gateway must allow the
// receiver's host: start Pledgebook with SUBSCRIPTIONS_ALLOWED_HOSTS=127.0.0.1.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Server } from 'node:http';
import { parseArgs } from 'node:util';
import { login, subscribe } from './pledgebook-client';
import { createReceiver } from './receiver';

const OPTIONS = {
  url: { type: 'string', default: 'http://127.0.0.1:3000' },
  username: { type: 'string' },
  /** Or PLEDGEBOOK_PASSWORD, which other users of the machine cannot read in the process list. */
  password: { type: 'string' },
  topic: { type: 'string', default: 'pledgebook.pledge.v1' },
  type: { type: 'string', multiple: true },
  'this-bureau-only': { type: 'boolean', default: false },
  port: { type: 'string', default: '4000' },
  state: { type: 'string', default: 'data/example-webhook-receiver.json' },
  out: { type: 'string' },
} as const;

interface State {
  subscriptionId: string;
  secret: string;
  target: string;
  seen: string[];
}

/** Listens, or says why not (a port in use) — before anything is subscribed. */
function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === 'EADDRINUSE' ? `port ${port} is in use: choose another with --port` : `cannot listen on port ${port}: ${error.message}`)),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: OPTIONS });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`--port must be a port number (1–65535), not ${values.port}`);
  // The example's one setting from the environment: a password kept out of the process list.
  // eslint-disable-next-line no-restricted-properties
  const password = values.password ?? process.env.PLEDGEBOOK_PASSWORD;
  const stateFile = resolve(values.state);
  const target = `http://127.0.0.1:${port}/webhooks/pledgebook`;
  let state: State | undefined = existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, 'utf8')) as State) : undefined;
  if (state && state.target !== target) state = undefined;
  if (!state && (!values.username || !password)) throw new Error('first run: give --username and --password (or PLEDGEBOOK_PASSWORD): a subscriber, or a bureau admin who sets one up');
  // Until the subscription exists there is no secret, and every request is refused (the gateway retries).
  const secrets: string[] = state ? [state.secret] : [];
  const server = createReceiver({
    secrets,
    seen: new Set(state?.seen ?? []),
    remember: (id) => {
      if (!state) return;
      state.seen = [...state.seen.slice(-9_999), id];
      writeFileSync(stateFile, JSON.stringify(state), { mode: 0o600 });
    },
    onEvent: (event) => {
      console.log(`${event.time}  ${event.type}  bureau ${event.bureauid}  ${event.subject}  (${event.id})`);
      if (values.out) appendFileSync(values.out, `${JSON.stringify(event)}\n`);
    },
  });
  // The port first: a receiver that cannot listen must not leave a subscription behind it.
  await listen(server, port);
  if (!state) {
    try {
      const session = await login(values.url, values.username!, password!);
      const created = await subscribe(session, { topic: values.topic, ...(values.type ? { types: values.type } : {}), includeDescendants: !values['this-bureau-only'], target, subscriberUsername: 'example-receiver' });
      state = { subscriptionId: created.subscriptionId, secret: created.secret!, target, seen: [] };
      secrets.push(created.secret!);
      mkdirSync(dirname(stateFile), { recursive: true });
      writeFileSync(stateFile, JSON.stringify(state), { mode: 0o600 });
      console.log(`subscribed: ${created.subscriptionId} to ${created.topic} for ${created.bureauScope.bureauId}${created.bureauScope.includeDescendants ? ' and the bureaus under it' : ''}`);
    } catch (error) {
      server.close();
      throw error;
    }
  }
  console.log(`receiving webhooks at ${target} (subscription ${state.subscriptionId}); Ctrl-C stops`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
