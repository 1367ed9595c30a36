// `npm run example:feed-follower -- --username <account> --password <password>` (or PLEDGEBOOK_PASSWORD)
// Follows a Pledgebook subscription's event feed (the gateway at --url, default
// http://127.0.0.1:3000) and prints every event once; stopped and started again, it goes on from
// where it was.
import { existsSync, mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { follow } from './follower';
import { login, subscribe } from './pledgebook-client';

const OPTIONS = {
  url: { type: 'string', default: 'http://127.0.0.1:3000' },
  username: { type: 'string' },
  password: { type: 'string' },
  topic: { type: 'string', default: 'pledgebook.pledge.v1' },
  type: { type: 'string', multiple: true },
  'this-bureau-only': { type: 'boolean', default: false },
  since: { type: 'string' },
  state: { type: 'string', default: 'data/example-feed-follower' },
  out: { type: 'string' },
} as const;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: OPTIONS });
  // The example's one setting from the environment: a password kept out of the process list.
  // eslint-disable-next-line no-restricted-properties
  const password = values.password ?? process.env.PLEDGEBOOK_PASSWORD;
  if (!values.username || !password) throw new Error('give --username and --password (or PLEDGEBOOK_PASSWORD): a subscriber, or a bureau admin who sets one up');
  const dir = resolve(values.state!);
  mkdirSync(dir, { recursive: true });
  const subscriptionFile = `${dir}/subscription.json`;
  let session = await login(values.url, values.username, password);
  if (!existsSync(subscriptionFile)) {
    const created = await subscribe(session, { topic: values.topic!, ...(values.type ? { types: values.type } : {}), includeDescendants: !values['this-bureau-only'], subscriberUsername: 'example-follower' });
    writeFileSync(subscriptionFile, JSON.stringify({ subscriptionId: created.subscriptionId }));
    console.log(`subscribed: ${created.subscriptionId} to ${created.topic} for ${created.bureauScope.bureauId}${created.bureauScope.includeDescendants ? ' and the bureaus under it' : ''}`);
  }
  const { subscriptionId } = JSON.parse(readFileSync(subscriptionFile, 'utf8')) as { subscriptionId: string };
  const stopping = new AbortController();
  process.on('SIGINT', () => stopping.abort());
  process.on('SIGTERM', () => stopping.abort());
  console.log(`following subscription ${subscriptionId}; Ctrl-C stops`);
  mkdirSync(dirname(`${dir}/cursor.json`), { recursive: true });
  await follow({
    baseUrl: values.url!,
    subscriptionId,
    stateFile: `${dir}/cursor.json`,
    signal: stopping.signal,
    ...(values.since ? { since: values.since } : {}),
    token: async (renew) => {
      if (renew) session = await login(values.url, values.username!, password);
      return session.token;
    },
    onEvent: (event) => {
      console.log(`${event.time}  ${event.type}  bureau ${event.bureauid}  ${event.subject}  (${event.id})`);
      if (values.out) appendFileSync(values.out, `${JSON.stringify(event)}\n`);
    },
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
