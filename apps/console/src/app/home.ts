import type { SessionUser } from '../auth/session';

export const REVIEWERS = ['group-leader', 'branch-secretary', 'leading-group'] as const;
export const AUDITORS = ['auditor'] as const;
export const ADMINS = ['bureau-admin', 'system-admin'] as const;
/** The appraisal office, and the leading group that approves its scheme. */
export const APPRAISERS = ['appraisal-office', 'leading-group', 'system-admin'] as const;
/** Who keeps selections and rewards (the reward service's reads are the bureau's; writes as its guards allow). */
export const REWARDERS = ['leading-group', 'branch-secretary', 'appraisal-office', 'bureau-admin'] as const;
/** Who reports the programme's figures. */
export const STATISTICIANS = ['leading-group', 'appraisal-office', 'branch-secretary', 'bureau-admin', 'auditor'] as const;
export const SYSTEM_ADMINS = ['system-admin'] as const;

/** Where a person lands after signing in: the page of their main task. */
export function homeOf(user: SessionUser): string {
  if (user.mustChangePassword) return '/password';
  const has = (roles: readonly string[]) => roles.some((r) => user.roles.includes(r));
  if (has(REVIEWERS)) return '/review/queue';
  if (has(['appraisal-office'])) return '/appraisal';
  if (has(AUDITORS)) return '/audit';
  if (has(SYSTEM_ADMINS)) return '/system/bureaus';
  if (has(ADMINS)) return '/admin/directory';
  return '/member/book';
}
