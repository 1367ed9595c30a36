import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** The verified caller, from the token's claims (DESIGN.md §2 "Identity and access"). */
export interface Principal {
  /** The member id (token subject). */
  subject: string;
  bureauId: string;
  roles: string[];
  orgUnitIds: string[];
}

export type AuthenticatedRequest = Request & { principal?: Principal };

export const IS_PUBLIC = 'pledgebook:public';
/** Marks a route that needs no token (health, docs, login). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The principal the guard verified; the guard guarantees it exists on non-public routes. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('no principal: route is public or the guard did not run');
  return principal;
});
