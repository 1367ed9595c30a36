// Access is declared, not sprinkled: every route of every service states how it stays inside its
// bureau (@BureauAccess), or that it is public. A new route without it fails here, before it can
// forget a check. (What each declaration enforces is tested in the services' e2e specs, and
// apps/gateway/src/bureau-isolation.e2e.spec.ts tries every write route as another bureau.)
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Route } from './access/list-routes';

const routes = JSON.parse(
  execFileSync(process.execPath, ['-r', require.resolve('@swc-node/register'), join(__dirname, 'access', 'list-routes.ts')], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }),
) as Route[];

describe('access is declared on every route', () => {
  it('finds the services’ routes', () => {
    expect(routes.filter((r) => r.service === 'pledge-service').length).toBeGreaterThan(20);
    expect(routes.filter((r) => r.service === 'review-service').length).toBeGreaterThan(10);
  });

  it('has a @BureauAccess declaration (or @Public) on each', () => {
    const undeclared = routes.filter((r) => !r.access && !r.isPublic).map((r) => `${r.service} ${r.method} ${r.path} (${r.controller}.${r.handler})`);
    expect(undeclared).toEqual([]);
  });

  it('never lets a write take its bureau from the query string', () => {
    const writesFromQuery = routes.filter((r) => r.method !== 'GET' && r.access?.from === 'query').map((r) => `${r.method} ${r.path}`);
    expect(writesFromQuery).toEqual([]);
  });

  it('marks a route that names a bureau in its path as checked against that path', () => {
    const unchecked = routes.filter((r) => r.path.includes(':bureauId') && r.access && r.access.from !== 'param').map((r) => `${r.method} ${r.path}`);
    expect(unchecked).toEqual([]);
  });
});
