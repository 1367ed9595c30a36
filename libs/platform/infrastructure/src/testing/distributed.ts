export type ServerVariable = 'TEST_ESDB_URL' | 'TEST_KAFKA_URL' | 'TEST_MONGODB_URL' | 'TEST_S3_URL';

const ENGINES: Record<ServerVariable, string> = { TEST_ESDB_URL: 'EventStoreDB', TEST_KAFKA_URL: 'Kafka', TEST_MONGODB_URL: 'MongoDB', TEST_S3_URL: 'S3-compatible object storage' };

/**
 * Runs a suite against a real server when its URL is in the environment (see
 * `npm run test:distributed`); otherwise registers one skipped test whose name says why,
 * so the run reports the suite as skipped rather than silently passing.
 */
export function describeWithServer(variable: ServerVariable, title: string, suite: (url: string) => void): void {
  describeWithServers([variable], title, (urls) => suite(urls[variable]));
}

/** The same for a suite that needs several servers at once (the distributed profile end to end). */
export function describeWithServers<V extends ServerVariable>(variables: readonly V[], title: string, suite: (urls: Record<V, string>) => void): void {
  const missing = variables.filter((v) => !process.env[v]);
  if (missing.length === 0) {
    const urls = Object.fromEntries(variables.map((v) => [v, process.env[v]!])) as Record<V, string>;
    describe(title, () => suite(urls));
    return;
  }
  const servers = missing.map((v) => ENGINES[v]).join(', ');
  const reason = `skipped: ${missing.join(', ')} not set, so no ${servers} server to test against (see npm run test:distributed)`;
  process.stdout.write(`${title} suite ${reason}\n`);
  describe(title, () => {
    // The one deliberate skip: no server here. Start docker/compose.yaml and run `npm run test:distributed`.
    it.skip(reason, () => undefined);
  });
}
