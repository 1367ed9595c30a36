import { Logger } from '@nestjs/common';
import { hashPassword } from '@pledgebook/gateway-keys';
import { randomBytes } from 'node:crypto';
import type { AccountStore } from './accounts/account-store';

/**
 * On first start (no accounts yet) creates the system admin `admin`, with PLEDGEBOOK_ADMIN_PASSWORD
 * or a generated password printed once.
 */
export async function ensureAdmin(accounts: AccountStore, password: string | undefined): Promise<void> {
  if (accounts.count() > 0) return;
  const chosen = password ?? randomBytes(12).toString('base64url');
  accounts.create({ username: 'admin', passwordHash: await hashPassword(chosen), memberId: 'admin', bureauId: 'system', roles: ['system-admin'], createdAt: new Date().toISOString() });
  const logger = new Logger('gateway');
  if (password) logger.log('created the system admin account "admin" with PLEDGEBOOK_ADMIN_PASSWORD');
  else logger.warn(`created the system admin account "admin" with the generated password ${chosen} (shown once)`);
}
