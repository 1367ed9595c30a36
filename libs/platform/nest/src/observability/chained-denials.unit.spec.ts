import { denialBureau, denialEvent } from './chained-denials';

const denial = { _id: '018f2a6e-1c2b-7d3e-8f40-123456789abc', at: '2026-03-01T00:00:00.000Z', service: 'pledge-service', status: 403 as const, method: 'GET', why: 'another bureau' };

describe('a denial in the chained audit log', () => {
  it('goes to the bureau its path names, else the caller’s; without a verified token, to the system’s log', () => {
    expect(denialBureau({ path: '/api/v1/bureaus/weihai/members?limit=5', bureauId: 'qingdao' })).toBe('weihai');
    expect(denialBureau({ path: '/api/v1/statistics/bureaus/weihai', bureauId: 'qingdao' })).toBe('weihai');
    expect(denialBureau({ path: '/api/v1/pledges/x', bureauId: 'qingdao' })).toBe('qingdao');
    expect(denialBureau({ path: '/api/v1/pledges/x' })).toBe('system');
    expect(denialBureau({ path: '/api/v1/bureaus/made-up-name/members' })).toBe('system');
  });

  it('is an audit-log entry without the query string, keyed by the denial’s id', () => {
    const { stream, event } = denialEvent({ ...denial, path: '/api/v1/bureaus/weihai/members?reason=secret', subject: 'liu', bureauId: 'qingdao', roles: ['member'], correlationId: 'c-1' });
    expect(stream).toBe('audit-log-weihai');
    expect(event).toMatchObject({ id: denial._id, type: 'AccessDenied', data: { action: 'access', target: '/api/v1/bureaus/weihai/members', request: 'GET /api/v1/bureaus/weihai/members', by: { subject: 'liu', bureauId: 'qingdao' }, outcome: { status: 403, service: 'pledge-service' } } });
    expect(event.metadata).toEqual({ bureauId: 'weihai', actorId: 'liu', actorRole: 'member', actorBureauId: 'qingdao', correlationId: 'c-1', causationId: 'c-1' });
    expect(denialEvent({ ...denial, status: 401, path: '/api/v1/pledges' }).event.metadata).toMatchObject({ bureauId: 'system', actorId: 'anonymous', correlationId: denial._id });
  });
});
