import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { hashPassword } from '@pledgebook/gateway-keys';
import { BadInput, CurrentPrincipal, parseInput, requireBureau, requireRole, ZodApiBody, ZodPipe, type Principal } from '@pledgebook/nest';
import { PledgebookError } from '@pledgebook/util';
import { z } from 'zod';
import type { Sessions } from '../sessions/sessions';
import { ACCOUNTS, SESSIONS } from '../tokens';
import { newPasswordProblems } from './account-errors';
import type { AccountStore } from './account-store';
import { initialPassword } from './initial-password';

const ROLES = ['member', 'group-leader', 'branch-secretary', 'appraisal-office', 'leading-group', 'auditor', 'bureau-admin', 'system-admin', 'subscriber'] as const;
const bureauId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lower-case letters, digits and - (2 to 64)');
const username = z.string().regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'lower-case letters, digits, . _ - (3 to 64)');
const memberId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/, 'the member id in the directory');
const roles = z.array(z.enum(ROLES)).min(1).max(9);
const accountBody = z.strictObject({
  username,
  password: z.string().max(256),
  memberId,
  roles,
  /** The password is an initial one: the owner must choose their own at first login. */
  mustChangePassword: z.boolean().optional(),
});
const BULK_MAX = 500;
const bulkBody = z.strictObject({
  accounts: z
    .array(z.strictObject({ username, memberId, roles }))
    .min(1)
    .max(BULK_MAX)
    .superRefine((accounts, ctx) => {
      const seen = new Set<string>();
      accounts.forEach((a, i) => {
        if (seen.has(a.username)) ctx.addIssue({ code: 'custom', path: [i, 'username'], message: `${a.username} appears twice` });
        seen.add(a.username);
      });
    }),
});
const resetBody = z.strictObject({ password: z.string().min(1).max(256).optional() });
const listQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(400).optional() });

class UsernamesTaken extends PledgebookError {
  readonly code = 'usernames_taken';
  readonly kind = 'conflict';
}

const cursorOf = (name: string) => Buffer.from(name, 'utf8').toString('base64url');
function afterOf(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const name = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!username.safeParse(name).success) throw new BadInput([{ field: '/query/cursor', message: 'not a cursor this API returned' }]);
  return name;
}

@Controller('api/v1/bureaus/:bureauId/accounts')
export class AccountsController {
  constructor(
    @Inject(ACCOUNTS) private readonly accounts: AccountStore,
    @Inject(SESSIONS) private readonly sessions: Sessions,
  ) {}

  /** A bureau's accounts, by username, paged (bureau admin of that bureau, or system admin). */
  @Get()
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 200 } })
  @ApiQuery({ name: 'cursor', required: false, schema: { type: 'string' } })
  list(@Param('bureauId') raw: string, @Query() rawQuery: unknown, @CurrentPrincipal() p: Principal) {
    const bureau = this.admin(raw, p, 'list accounts');
    const query = parseInput(listQuery, rawQuery, '/query');
    const items = this.accounts.list(bureau, query.limit + 1, afterOf(query.cursor));
    const page = items.slice(0, query.limit);
    return { items: page, ...(items.length > query.limit ? { nextCursor: cursorOf(page[page.length - 1]!.username) } : {}) };
  }

  /** A bureau admin creates accounts for the bureau's people; only a system admin grants system-admin. */
  @Post()
  @ZodApiBody(accountBody)
  async create(@Param('bureauId') raw: string, @Body(new ZodPipe(accountBody)) body: z.infer<typeof accountBody>, @CurrentPrincipal() p: Principal) {
    const bureau = this.admin(raw, p, 'create an account');
    if (body.roles.includes('system-admin')) requireRole(p, ['system-admin'], 'grant system-admin');
    newPasswordProblems(body.password, body.username, undefined, 'password');
    const { taken } = this.accounts.createAll([
      { username: body.username, passwordHash: await hashPassword(body.password), memberId: body.memberId, bureauId: bureau, roles: [...new Set(body.roles)], createdAt: new Date().toISOString(), mustChangePassword: body.mustChangePassword ?? false },
    ]);
    if (taken.length > 0) throw new UsernamesTaken(`username ${body.username} is taken`, { taken });
    return { username: body.username, bureauId: bureau, memberId: body.memberId, roles: body.roles, mustChangePassword: body.mustChangePassword ?? false };
  }

  /**
   * Accounts for many people at once, each with a generated initial password to hand out on
   * paper (changed at first login). All or nothing: a taken username → 409 listing them.
   */
  @Post('bulk')
  @ZodApiBody(bulkBody)
  async bulk(@Param('bureauId') raw: string, @Body(new ZodPipe(bulkBody)) body: z.infer<typeof bulkBody>, @CurrentPrincipal() p: Principal) {
    const bureau = this.admin(raw, p, 'create accounts');
    if (body.accounts.some((a) => a.roles.includes('system-admin'))) requireRole(p, ['system-admin'], 'grant system-admin');
    const createdAt = new Date().toISOString();
    const made = await Promise.all(body.accounts.map(async (a) => ({ ...a, roles: [...new Set(a.roles)], initialPassword: initialPassword(a.username) })));
    const rows = await Promise.all(made.map(async (a) => ({ username: a.username, passwordHash: await hashPassword(a.initialPassword), memberId: a.memberId, bureauId: bureau, roles: a.roles, createdAt, mustChangePassword: true })));
    const { taken } = this.accounts.createAll(rows);
    if (taken.length > 0) throw new UsernamesTaken(`${taken.length} of these usernames are taken: ${taken.slice(0, 10).join(', ')}`, { taken });
    return { bureauId: bureau, created: made.map((a) => ({ username: a.username, memberId: a.memberId, roles: a.roles, initialPassword: a.initialPassword })) };
  }

  /** An admin sets a new initial password (given, or generated and returned once); the owner changes it at next login. */
  @Post(':username/password-reset')
  @HttpCode(200)
  @ZodApiBody(resetBody)
  async reset(@Param('bureauId') raw: string, @Param('username') name: string, @Body(new ZodPipe(resetBody)) body: z.infer<typeof resetBody>, @CurrentPrincipal() p: Principal) {
    const account = this.target(raw, name, p, 'reset a password');
    if (account.roles.includes('system-admin')) requireRole(p, ['system-admin'], 'reset a system admin');
    if (body.password !== undefined) newPasswordProblems(body.password, account.username, undefined, 'password');
    const chosen = body.password ?? initialPassword(account.username);
    this.accounts.setPassword(account.username, await hashPassword(chosen), true);
    this.sessions.endAll(account.username, 'password reset');
    return { username: account.username, mustChangePassword: true, ...(body.password === undefined ? { initialPassword: chosen } : {}) };
  }

  @Post(':username/disable')
  @HttpCode(200)
  disable(@Param('bureauId') raw: string, @Param('username') name: string, @CurrentPrincipal() p: Principal) {
    const account = this.target(raw, name, p, 'disable an account');
    this.accounts.disable(account.username);
    this.sessions.endAll(account.username, 'account disabled');
    return { username: account.username, disabled: true };
  }

  @Post(':username/enable')
  @HttpCode(200)
  enable(@Param('bureauId') raw: string, @Param('username') name: string, @CurrentPrincipal() p: Principal) {
    const account = this.target(raw, name, p, 'enable an account');
    this.accounts.enable(account.username);
    return { username: account.username, disabled: false };
  }

  /** The bureau, once the caller is its bureau admin or a system admin. */
  private admin(raw: string, p: Principal, what: string): string {
    const bureau = parseInput(bureauId, raw, '/bureauId');
    requireRole(p, ['bureau-admin', 'system-admin'], what);
    requireBureau(p, bureau, what, { write: true });
    return bureau;
  }

  private target(raw: string, name: string, p: Principal, what: string) {
    const bureau = this.admin(raw, p, what);
    const account = this.accounts.find(parseInput(username, name, '/username'));
    if (!account || account.bureauId !== bureau) throw new NotFoundException(`no account ${name} in ${bureau}`);
    return account;
  }
}
