import type { Principal } from './principal';

/**
 * Where a token's claims put the principal (DESIGN.md §2 "Identity and access"). The embedded
 * gateway's tokens use the defaults; an OIDC issuer's are mapped by configuration, with dotted
 * paths into nested claims (`realm_access.roles`) and a role map from the issuer's names to ours.
 */
export interface ClaimMapping {
  subject: string;
  bureau: string;
  roles: string;
  orgUnits: string;
  /** Issuer role → Pledgebook role; when set, roles not named here are dropped. */
  roleMap?: Readonly<Record<string, string>>;
}

export const DEFAULT_CLAIMS: ClaimMapping = { subject: 'sub', bureau: 'bureauId', roles: 'roles', orgUnits: 'orgUnitIds' };

export class ClaimsUnusable extends Error {}

function at(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), claims);
}

/** A list claim may be an array of strings or one space-separated string (OAuth scope style). */
function list(value: unknown): string[] | undefined {
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return undefined;
}

/** Maps verified claims to a principal; throws ClaimsUnusable naming the claim that is missing. */
export function principalFromClaims(claims: Record<string, unknown>, mapping: ClaimMapping = DEFAULT_CLAIMS): Principal {
  const subject = at(claims, mapping.subject);
  const bureauId = at(claims, mapping.bureau);
  const issued = list(at(claims, mapping.roles));
  if (typeof subject !== 'string' || subject === '') throw new ClaimsUnusable(`token lacks the subject claim "${mapping.subject}"`);
  if (typeof bureauId !== 'string' || bureauId === '') throw new ClaimsUnusable(`token lacks the bureau claim "${mapping.bureau}"`);
  if (!issued) throw new ClaimsUnusable(`token lacks the roles claim "${mapping.roles}"`);
  const roles = mapping.roleMap ? issued.flatMap((role) => (mapping.roleMap![role] ? [mapping.roleMap![role]!] : [])) : issued;
  return { subject, bureauId, roles: [...new Set(roles)], orgUnitIds: list(at(claims, mapping.orgUnits)) ?? [] };
}

/** Parses `AUTH_ROLE_MAP` ("issuer-role=pledgebook-role,…"); undefined when unset. */
export function parseRoleMap(text: string | undefined): Record<string, string> | undefined {
  if (!text) return undefined;
  const entries = text.split(',').map((pair) => pair.trim()).filter(Boolean).map((pair) => {
    const [from, to, ...rest] = pair.split('=').map((s) => s.trim());
    if (!from || !to || rest.length) throw new Error(`"${pair}" is not issuer-role=pledgebook-role`);
    return [from, to] as const;
  });
  return Object.fromEntries(entries);
}
