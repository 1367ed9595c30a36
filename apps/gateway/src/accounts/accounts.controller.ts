import { Body, ConflictException, Controller, HttpCode, Inject, NotFoundException, Param, Post, UnprocessableEntityException } from '@nestjs/common';
import { passwordProblems } from '@pledgebook/gateway-identity';
import { hashPassword } from '@pledgebook/gateway-keys';
import { CurrentPrincipal, parseInput, requireBureau, requireRole, ZodApiBody, ZodPipe, type Principal } from '@pledgebook/nest';
import { z } from 'zod';
import type { AccountStore } from './account-store';
import { ACCOUNTS } from '../tokens';

const ROLES = ['member', 'group-leader', 'branch-secretary', 'appraisal-office', 'leading-group', 'auditor', 'bureau-admin', 'system-admin', 'subscriber'] as const;
const bureauId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lower-case letters, digits and - (2 to 64)');
const username = z.string().regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'lower-case letters, digits, . _ - (3 to 64)');
const accountBody = z.strictObject({
  username,
  password: z.string().max(256),
  memberId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/),
  roles: z.array(z.enum(ROLES)).min(1).max(9),
});

@Controller('api/v1/bureaus/:bureauId/accounts')
export class AccountsController {
  constructor(@Inject(ACCOUNTS) private readonly accounts: AccountStore) {}

  /** A bureau admin creates accounts for the bureau's people; only a system admin grants system-admin. */
  @Post()
  @ZodApiBody(accountBody)
  async create(@Param('bureauId') raw: string, @Body(new ZodPipe(accountBody)) body: z.infer<typeof accountBody>, @CurrentPrincipal() p: Principal) {
    const bureau = parseInput(bureauId, raw, '/bureauId');
    requireRole(p, ['bureau-admin', 'system-admin'], 'create an account');
    requireBureau(p, bureau, 'create an account', { write: true });
    if (body.roles.includes('system-admin')) requireRole(p, ['system-admin'], 'grant system-admin');
    const problems = passwordProblems(body.password, body.username);
    if (problems.length > 0) throw new UnprocessableEntityException(`password: ${problems.join('; ')}`);
    const created = this.accounts.create({
      username: body.username,
      passwordHash: await hashPassword(body.password),
      memberId: body.memberId,
      bureauId: bureau,
      roles: [...new Set(body.roles)],
      createdAt: new Date().toISOString(),
    });
    if (!created) throw new ConflictException(`username ${body.username} is taken`);
    return { username: body.username, bureauId: bureau, memberId: body.memberId, roles: body.roles };
  }

  @Post(':username/disable')
  @HttpCode(200)
  disable(@Param('bureauId') raw: string, @Param('username') name: string, @CurrentPrincipal() p: Principal) {
    const bureau = parseInput(bureauId, raw, '/bureauId');
    requireRole(p, ['bureau-admin', 'system-admin'], 'disable an account');
    requireBureau(p, bureau, 'disable an account', { write: true });
    const account = this.accounts.find(parseInput(username, name, '/username'));
    if (!account || account.bureauId !== bureau) throw new NotFoundException(`no account ${name} in ${bureau}`);
    this.accounts.disable(account.username);
    return { username: account.username, disabled: true };
  }
}
