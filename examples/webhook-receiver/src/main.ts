// `npm run example:webhook-receiver -- --username <account> --password <password>`
// Subscribes to Pledgebook (the gateway at --url, default http://127.0.0.1:3000) with a
// webhook to this process and prints every event it receives, once. The gateway must allow the
// receiver's host: start Pledgebook with SUBSCRIPTIONS_ALLOWED_HOSTS=127.0.0.1.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { login, subscribe } from './pledgebook-client';
import { createReceiver } from './receiver';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3000' },
    username: { type: 'string' },
    password: { type: 'string' },
    topic: { type: 'string', default: 'pledgebook.pledge.v1' },
    type: { type: 'string', multiple: true },
    'this-bureau-only': { type: 'boolean', default: false },
    port: { type: 'string', default: '4000' },
    state: { type: 'string', default: 'data/example-webhook-receiver.json' },
    out: { type: 'string' },
  },
});

interface State {
  subscriptionId: string;
  secret: string;
  target: string;
  seen: string[];
}

async function main(): Promise<void> {
  const stateFile = resolve(values.state!);
  const target = `http://127.0.0.1:${values.port}/webhooks/pledgebook`;
  let state: State | undefined = existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, 'utf8')) as State) : undefined;
  if (state && state.target !== target) state = undefined;
  if (!state) {
    if (!values.username || !values.password) throw new Error('first run: give --username and --password (a subscriber, or a bureau admin who sets one up)');
    const session = await login(values.url!, values.username, values.password);
    const created = await subscribe(session, { topic: values.topic!, ...(values.type ? { types: values.type } : {}), includeDescendants: !values['this-bureau-only'], target, subscriberUsername: 'example-receiver' });
    state = { subscriptionId: created.subscriptionId, secret: created.secret!, target, seen: [] };
    mkdirSync(dirname(stateFile), { recursive: true });
    writeFileSync(stateFile, JSON.stringify(state), { mode: 0o600 });
    console.log(`subscribed: ${created.subscriptionId} to ${created.topic} for ${created.bureauScope.bureauId}${created.bureauScope.includeDescendants ? ' and the bureaus under it' : ''}`);
  }
  const kept = state;
  const server = createReceiver({
    secrets: [kept.secret],
    seen: new Set(kept.seen),
    remember: (id) => {
      kept.seen = [...kept.seen.slice(-9_999), id];
      writeFileSync(stateFile, JSON.stringify(kept), { mode: 0o600 });
    },
    onEvent: (event) => {
      console.log(`${event.time}  ${event.type}  bureau ${event.bureauid}  ${event.subject}  (${event.id})`);
      if (values.out) appendFileSync(values.out, `${JSON.stringify(event)}\n`);
    },
  });
  server.listen(Number(values.port), '127.0.0.1', () => console.log(`receiving webhooks at ${target} (subscription ${kept.subscriptionId}); Ctrl-C stops`));
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
