import { Module, type DynamicModule } from '@nestjs/common';
import { openEventStore, openMessageBus, openReadModelStore } from '@pledgebook/infrastructure';
import { Metrics, useJsonLogging } from '@pledgebook/nest';
import type { GatewayConfig } from '../config';
import { SmtpMailer } from './mailer';
import { PersonWrites } from './person-writes';
import { RemindersController } from './reminders.controller';
import { RemindersRuntime } from './reminders-runtime';
import { RemindersService } from './reminders.service';
import { REMINDERS } from './reminders.tokens';

@Module({})
class RemindersModule {}

/** Reminders that reach people (ADR 0072): the inbox at /api/v1/me/reminders, and mail where SMTP is configured. */
export async function remindersModule(config: GatewayConfig): Promise<DynamicModule> {
  const r = config.reminders;
  const now = () => new Date();
  const bus = await openMessageBus(r.busUrl, { clientId: 'gateway-reminders', logger: useJsonLogging('gateway', config.logLevel), ...(r.engines.bus ? { kafka: r.engines.bus } : {}) });
  const events = await openEventStore(r.eventStoreUrl, { ...(r.engines.eventStore ? { esdb: r.engines.eventStore } : {}) });
  const views = await openReadModelStore(r.readModelUrl, { database: 'gateway-reminders', ...(r.engines.readModel ? { mongodb: r.engines.readModel } : {}) });
  const writes = new PersonWrites(events);
  const mailer = r.smtp ? new SmtpMailer(r.smtp.url, r.smtp.from) : undefined;
  return {
    module: RemindersModule,
    controllers: [RemindersController],
    providers: [
      { provide: REMINDERS, useValue: new RemindersService(views, writes, mailer !== undefined, now) },
      { provide: RemindersRuntime, useFactory: (metrics: Metrics) => new RemindersRuntime({ events, bus, views, writes, ...(mailer ? { mailer } : {}), now }, r, metrics), inject: [Metrics] },
    ],
  };
}
