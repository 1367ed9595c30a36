/**
 * Runs a suite against a real server when its URL is in the environment (see
 * `npm run test:distributed`); otherwise registers one skipped test whose name says why,
 * so the run reports the suite as skipped rather than silently passing.
 */
export function describeWithServer(variable: 'TEST_ESDB_URL' | 'TEST_KAFKA_URL' | 'TEST_MONGODB_URL', title: string, suite: (url: string) => void): void {
  const url = process.env[variable];
  if (url) {
    describe(title, () => suite(url));
    return;
  }
  const reason = `skipped: ${variable} is not set, so no ${title} server to test against (see npm run test:distributed)`;
  process.stdout.write(`${title} contract suite ${reason}\n`);
  describe(title, () => {
    // The one deliberate skip: no server here. Start docker/compose.yaml and run `npm run test:distributed`.
    it.skip(reason, () => undefined);
  });
}
