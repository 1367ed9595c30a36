import { ClaimsUnusable, DEFAULT_CLAIMS, parseRoleMap, principalFromClaims } from './claim-mapping';

describe('principalFromClaims', () => {
  it('reads the embedded gateway tokens with the default mapping', () => {
    expect(principalFromClaims({ sub: 'm-1', bureauId: 'b-1', roles: ['member', 'leader'], orgUnitIds: ['g-1'] })).toEqual({
      subject: 'm-1',
      bureauId: 'b-1',
      roles: ['member', 'leader'],
      orgUnitIds: ['g-1'],
    });
  });

  it('follows dotted paths into nested claims and maps issuer roles, dropping unknown ones', () => {
    const mapping = { ...DEFAULT_CLAIMS, subject: 'preferred_username', bureau: 'org.bureau', roles: 'realm_access.roles', roleMap: { 'pb-admin': 'bureau-admin', 'pb-member': 'member' } };
    const principal = principalFromClaims({ preferred_username: 'zhang.wei', org: { bureau: 'b-9' }, realm_access: { roles: ['pb-admin', 'offline_access', 'pb-member'] } }, mapping);
    expect(principal).toEqual({ subject: 'zhang.wei', bureauId: 'b-9', roles: ['bureau-admin', 'member'], orgUnitIds: [] });
  });

  it('accepts a space-separated roles claim', () => {
    expect(principalFromClaims({ sub: 's', bureauId: 'b', roles: 'member  auditor' }).roles).toEqual(['member', 'auditor']);
  });

  it.each([
    [{ bureauId: 'b', roles: [] }, /subject claim "sub"/],
    [{ sub: 's', roles: [] }, /bureau claim "bureauId"/],
    [{ sub: 's', bureauId: 'b' }, /roles claim "roles"/],
    [{ sub: '', bureauId: 'b', roles: [] }, /subject/],
  ])('names the missing claim: %j', (claims, message) => {
    expect(() => principalFromClaims(claims)).toThrow(ClaimsUnusable);
    expect(() => principalFromClaims(claims)).toThrow(message);
  });
});

describe('parseRoleMap', () => {
  it('parses pairs and is undefined when unset', () => {
    expect(parseRoleMap('a=member, b = auditor')).toEqual({ a: 'member', b: 'auditor' });
    expect(parseRoleMap(undefined)).toBeUndefined();
  });
  it('rejects a pair without a target', () => {
    expect(() => parseRoleMap('a=member,b')).toThrow('"b" is not issuer-role=pledgebook-role');
  });
});
