import { ancestorsOf, mayAudit, mayReadAuditLog } from './access';

const parents: Record<string, string> = { weihai: 'shandong', rongcheng: 'weihai' };
const up = (id: string) => ancestorsOf(id, (b) => parents[b]);
const caller = (bureauId: string, ...roles: string[]) => ({ subject: 'x', bureauId, roles });

describe('who may audit', () => {
  it('lets auditors of the bureau and of the authorities above it, and the system admin', () => {
    expect(up('rongcheng')).toEqual(['weihai', 'shandong']);
    expect(mayAudit(caller('weihai', 'auditor'), 'weihai', up('weihai')).allowed).toBe(true);
    expect(mayAudit(caller('shandong', 'auditor'), 'rongcheng', up('rongcheng')).allowed).toBe(true);
    expect(mayAudit(caller('system', 'system-admin'), 'weihai', up('weihai')).allowed).toBe(true);
  });

  it('refuses everyone else, naming why', () => {
    expect(mayAudit(caller('weihai', 'auditor'), 'shandong', up('shandong'))).toMatchObject({ allowed: false, why: expect.stringContaining('not shandong') });
    expect(mayAudit(caller('qingdao', 'auditor'), 'weihai', up('weihai')).allowed).toBe(false);
    expect(mayAudit(caller('weihai', 'bureau-admin', 'leading-group'), 'weihai', up('weihai')).allowed).toBe(false);
    expect(mayAudit(caller('weihai', 'member'), 'weihai', up('weihai')).allowed).toBe(false);
  });

  it('shows a bureau’s audit log to its leading group and admin and to auditors above it, not to its own auditors', () => {
    expect(mayReadAuditLog(caller('weihai', 'leading-group'), 'weihai', up('weihai')).allowed).toBe(true);
    expect(mayReadAuditLog(caller('weihai', 'bureau-admin'), 'weihai', up('weihai')).allowed).toBe(true);
    expect(mayReadAuditLog(caller('shandong', 'auditor'), 'weihai', up('weihai')).allowed).toBe(true);
    expect(mayReadAuditLog(caller('weihai', 'auditor'), 'weihai', up('weihai')).allowed).toBe(false);
    expect(mayReadAuditLog(caller('qingdao', 'leading-group'), 'weihai', up('weihai')).allowed).toBe(false);
  });
});
