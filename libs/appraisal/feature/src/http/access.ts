import { ForbiddenException } from '@nestjs/common';
import { hasAnyRole, type Principal } from '@pledgebook/nest';

/** Those who oversee the programme read every record of their bureau (a parent authority's auditors too). */
export const OVERSIGHT = ['appraisal-office', 'leading-group', 'auditor', 'bureau-admin', 'system-admin'] as const;

/** A 403; the problem filter records it as an audit entry with the caller's identity. */
export function deny(what: string, why: string): never {
  throw new ForbiddenException(`${what}: ${why}`);
}

export const isOverseer = (principal: Principal) => hasAnyRole(principal, OVERSIGHT);

/** The year's appraisal office staff (the directory's assignment), or the system admin. */
export function requireOfficeReader(principal: Principal, staff: readonly string[], year: number, what: string): void {
  if (!staff.includes(principal.subject) && !principal.roles.includes('system-admin') && !principal.roles.includes('auditor')) {
    deny(what, `for the appraisal office staff of ${year} (考核办) and auditors`);
  }
}
