import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { z } from 'zod';
import { parseInput } from '../http/parse-input';
import { requireBureau, requireRole } from './access';
import type { AuthenticatedRequest } from './principal';

/**
 * How a write route (or a read) is kept inside its bureau — declared once on the route, never
 * written into its body (STYLE.md: access is declared, not sprinkled). Every non-GET route
 * declares one; `tools/access-declared.int.spec.ts` fails on a route that does not.
 * - `param`: the bureau is in the path; the guard checks it (and the roles) before anything else.
 * - `query`: the bureau is a query parameter (reads across the hierarchy), the caller's own when left out.
 * - `aggregate`: the bureau is the aggregate's; the command's access hook checks it on the loaded state.
 * - `caller`: the route acts in the caller's own bureau only (the token's), so no other bureau is reachable.
 * - `public`: no bureau (login, health).
 */
export type BureauAccessRule =
  | { from: 'param'; param?: string; write: boolean; roles?: readonly string[]; what: string }
  | { from: 'query'; param?: string; roles?: readonly string[]; what: string }
  | { from: 'aggregate'; what: string }
  | { from: 'caller'; roles?: readonly string[]; what: string }
  | { from: 'public'; what: string };

export const BUREAU_ACCESS = 'pledgebook:bureau-access';
export const BureauAccess = (rule: BureauAccessRule) => SetMetadata(BUREAU_ACCESS, rule);

/** A service's knowledge of the bureau tree: a parent authority's auditors read its child bureaus. */
export interface BureauHierarchy {
  ancestorsOf(bureauId: string): Promise<string[]>;
}
export const BUREAU_HIERARCHY = Symbol('BureauHierarchy');

const bureauId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lower-case letters, digits and - (2 to 64)');

/** Enforces `@BureauAccess({ from: 'param' | 'caller', roles })` before pipes and handlers run. */
@Injectable()
export class BureauAccessGuard implements CanActivate {
  private hierarchy?: BureauHierarchy | null;

  constructor(
    private readonly reflector: Reflector,
    private readonly modules: ModuleRef,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<BureauAccessRule | undefined>(BUREAU_ACCESS, [context.getHandler(), context.getClass()]);
    if (!rule || rule.from === 'public' || rule.from === 'aggregate') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { params: Record<string, string>; query: Record<string, unknown> }>();
    const principal = request.principal;
    if (!principal) return true; // a public route: the auth guard let it through
    if (rule.roles) requireRole(principal, rule.roles, rule.what);
    if (rule.from === 'caller') return true;
    const param = rule.param ?? 'bureauId';
    const write = rule.from === 'param' && rule.write;
    const target = rule.from === 'param' ? parseInput(bureauId, request.params[param], `/${param}`) : parseInput(bureauId, request.query[param] ?? principal.bureauId, `/query/${param}`);
    const ancestors = !write && principal.bureauId !== target ? await this.ancestorsOf(target) : [];
    requireBureau(principal, target, rule.what, { write, ancestorsOf: () => ancestors });
    return true;
  }

  private async ancestorsOf(target: string): Promise<string[]> {
    if (this.hierarchy === undefined) {
      try {
        this.hierarchy = this.modules.get<BureauHierarchy>(BUREAU_HIERARCHY, { strict: false });
      } catch {
        this.hierarchy = null;
      }
    }
    return this.hierarchy ? this.hierarchy.ancestorsOf(target) : [];
  }
}
