import { isEvidenceUpload, isGatewayRoute, routeFor } from './service-proxy';

const services = { 'pledge-service': 'http://p', 'review-service': 'http://r', 'appraisal-service': 'http://a', 'reward-service': 'http://w' };

describe('gateway routes', () => {
  it.each([
    ['/api/v1/pledges', 'http://p'],
    ['/api/v1/pledges/abc/history?limit=3', 'http://p'],
    ['/api/v1/bureaus/weihai/members', 'http://p'],
    ['/api/v1/org-units/b1/board', 'http://p'],
    ['/api/v1/reviews/p1/comments', 'http://r'],
    ['/api/v1/members/sun-li/booklet?year=2026', 'http://r'],
    ['/api/v1/members/sun-li/pledges?year=2026', 'http://p'],
    ['/api/v1/appraisals/2026-h1', 'http://a'],
    ['/api/v1/rewards', 'http://w'],
    ['/api/v1/nowhere', undefined],
  ])('%s → %s', (path, target) => {
    expect(routeFor(path, services)).toBe(target);
  });

  it('keeps login and accounts at the gateway', () => {
    expect(isGatewayRoute('/api/v1/auth/login')).toBe(true);
    expect(isGatewayRoute('/api/v1/bureaus/weihai/accounts')).toBe(true);
    expect(isGatewayRoute('/api/v1/bureaus/weihai/accounts/wang/disable')).toBe(true);
    expect(isGatewayRoute('/api/v1/bureaus/weihai/members')).toBe(false);
    expect(isGatewayRoute('/api/v1/bureau-tree')).toBe(true);
    expect(isGatewayRoute('/api/v1/bureau-tree?root=shandong')).toBe(true);
  });

  it('knows the evidence uploads, which may be larger than a JSON body', () => {
    expect(isEvidenceUpload('/api/v1/pledges/p1/evidence')).toBe(true);
    expect(isEvidenceUpload('/api/v1/appraisals/bureaus/weihai/evidence')).toBe(true);
    expect(isEvidenceUpload('/api/v1/pledges/p1/evidence/' + 'a'.repeat(64))).toBe(false);
    expect(isEvidenceUpload('/api/v1/pledges/p1/progress')).toBe(false);
    expect(isEvidenceUpload('/api/v1/pledges/p1/x/evidence')).toBe(false);
  });
});
