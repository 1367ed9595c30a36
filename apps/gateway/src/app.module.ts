import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { loadOrCreateSigningKey } from '@pledgebook/gateway-keys';
import { allDenialSinks, HttpPlatformModule, ObservabilityModule, type AccessDenialSink } from '@pledgebook/nest';
import { AccountStore } from './accounts/account-store';
import { AccountsController } from './accounts/accounts.controller';
import { AuthController } from './auth/auth.controller';
import { OidcModeController } from './auth/oidc-mode.controller';
import { PasswordController } from './auth/password.controller';
import { ensureAdmin } from './bootstrap-admin';
import type { GatewayConfig } from './config';
import { SessionStore } from './sessions/session-store';
import { SqliteThrottlerStorage } from './throttle/sqlite-throttler-storage';
import { Sessions } from './sessions/sessions';
import { ACCOUNTS, GATEWAY_CONFIG, SESSIONS, SIGNING_KEY } from './tokens';
import { auditModule } from './audit/audit.setup';
import { subscriptionsModule } from './subscriptions/subscriptions.setup';
import { remindersModule } from './reminders/reminders.setup';

class AccountsLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly accounts: AccountStore,
    private readonly sessions?: SessionStore,
  ) {}
  onApplicationShutdown(): void {
    this.sessions?.close();
    this.accounts.close();
  }
}

@Module({})
export class AppModule {
  static async forRoot(config: GatewayConfig): Promise<DynamicModule> {
    // gateway.db holds the local accounts (embedded profile) and the gateway's access-denial records.
    const accounts = new AccountStore(config.dataDir);
    const local = config.identity === 'local';
    // The key exists before the token verifier reads jwks.json.
    const signing = local ? await loadOrCreateSigningKey(config.dataDir) : undefined;
    if (local) await ensureAdmin(accounts, config.adminPassword);
    const sessionStore = local ? new SessionStore(config.dataDir) : undefined;
    const throttleStorage = new SqliteThrottlerStorage(config.dataDir);
    const sessions =
      signing && sessionStore
        ? new Sessions(accounts, sessionStore, signing, { accessTtlSeconds: config.tokenTtlSeconds, sessionTtlSeconds: config.sessionTtlSeconds, issuer: config.auth.issuer, audience: config.auth.audience })
        : undefined;
    const audit = await auditModule(config, signing);
    // An admin gives a subscription only to a subscriber account the gateway keeps (with an OIDC issuer, the issuer keeps them).
    const subscriptions = await subscriptionsModule(config, local ? accounts : undefined);
    const reminders = await remindersModule(config);
    return {
      module: AppModule,
      imports: [
        audit.module,
        subscriptions.module,
        reminders,
        ObservabilityModule.forRoot({
          service: 'gateway',
          // The subscriptions' bus, document store and event store are probed as the services probe theirs.
          probes: { useFactory: () => ({ accounts: async () => accounts.ping(), ...subscriptions.probes }) },
          denialSink: { useFactory: (): AccessDenialSink => allDenialSinks({ record: async (denial) => accounts.recordDenial(denial) }, audit.denialSink) },
        }),
        HttpPlatformModule.forRoot(config.auth),
        // Used by the login route only (per client address), counted in gateway.db: shared by every gateway process on the data directory.
        ThrottlerModule.forRoot({ throttlers: [{ name: 'default', ttl: 60_000, limit: config.loginRateLimitPerMinute }], storage: throttleStorage }),
      ],
      controllers: local ? [AuthController, PasswordController, AccountsController] : [OidcModeController],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: SIGNING_KEY, useValue: signing },
        { provide: ACCOUNTS, useValue: accounts },
        { provide: SESSIONS, useValue: sessions },
        { provide: AccountsLifecycle, useFactory: () => new AccountsLifecycle(accounts, sessionStore) },
      ],
    };
  }
}
