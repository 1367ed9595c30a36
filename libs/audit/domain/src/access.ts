/** The caller as the audit rules see them (the token's claims). */
export interface AuditCaller {
  subject: string;
  bureauId: string;
  roles: readonly string[];
}

export type AccessDecision = { allowed: true } | { allowed: false; why: string };

const allow: AccessDecision = { allowed: true };

/**
 * Who may replay a bureau's record (timelines, as-of states, exports, verification): the system
 * admin, and an auditor of that bureau or of an authority above it. Nobody else — not the member
 * whose record it is, not the bureau's admin.
 */
export function mayAudit(caller: AuditCaller, bureauId: string, ancestors: readonly string[]): AccessDecision {
  if (caller.roles.includes('system-admin')) return allow;
  if (!caller.roles.includes('auditor')) return { allowed: false, why: 'the audit record is for auditors (role auditor) and the system admin' };
  if (caller.bureauId === bureauId || ancestors.includes(caller.bureauId)) return allow;
  return { allowed: false, why: `an auditor of ${caller.bureauId} may audit that bureau and the bureaus under it, not ${bureauId}` };
}

/**
 * Who may read a bureau's audit log (who looked at its records): its leading group and its admin,
 * the auditors of an authority above it, and the system admin. The bureau's own auditors may not:
 * the log is the record of what they did.
 */
export function mayReadAuditLog(caller: AuditCaller, bureauId: string, ancestors: readonly string[]): AccessDecision {
  if (caller.roles.includes('system-admin')) return allow;
  if (caller.bureauId === bureauId && (caller.roles.includes('leading-group') || caller.roles.includes('bureau-admin'))) return allow;
  if (caller.roles.includes('auditor') && ancestors.includes(caller.bureauId)) return allow;
  return { allowed: false, why: `the audit log of ${bureauId} is read by its leading group and admin, by auditors of an authority above it, and by the system admin` };
}

/** A bureau's authorities, nearest first, from a parent lookup (stops at a cycle). */
export function ancestorsOf(bureauId: string, parentOf: (id: string) => string | undefined): string[] {
  const found: string[] = [];
  for (let parent = parentOf(bureauId); parent && !found.includes(parent) && parent !== bureauId; parent = parentOf(parent)) found.push(parent);
  return found;
}
