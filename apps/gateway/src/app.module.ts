import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { loadOrCreateSigningKey } from '@pledgebook/gateway-keys';
import { HttpPlatformModule } from '@pledgebook/nest';
import { AccountStore } from './accounts/account-store';
import { AccountsController } from './accounts/accounts.controller';
import { AuthController } from './auth/auth.controller';
import { ensureAdmin } from './bootstrap-admin';
import type { GatewayConfig } from './config';
import { GatewayHealthController } from './health.controller';
import { ACCOUNTS, GATEWAY_CONFIG, SIGNING_KEY } from './tokens';

class AccountsLifecycle implements OnApplicationShutdown {
  constructor(private readonly accounts: AccountStore) {}
  onApplicationShutdown(): void {
    this.accounts.close();
  }
}

@Module({})
export class AppModule {
  static async forRoot(config: GatewayConfig): Promise<DynamicModule> {
    // The key exists before the token verifier reads jwks.json.
    const signing = await loadOrCreateSigningKey(config.dataDir);
    const accounts = new AccountStore(config.dataDir);
    await ensureAdmin(accounts, config.adminPassword);
    return {
      module: AppModule,
      imports: [HttpPlatformModule.forRoot(config.auth)],
      controllers: [AuthController, AccountsController, GatewayHealthController],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: SIGNING_KEY, useValue: signing },
        { provide: ACCOUNTS, useValue: accounts },
        { provide: AccountsLifecycle, useFactory: () => new AccountsLifecycle(accounts) },
      ],
    };
  }
}
