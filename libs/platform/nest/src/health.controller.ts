import { Controller, Get, Inject } from '@nestjs/common';
import { Public } from './auth/principal';
import type { EventStore } from '@pledgebook/event-store';
import type { ServiceConfig } from './service-config';
import { EVENT_STORE, SERVICE_CONFIG } from './tokens';

/** Liveness and readiness (readiness reads the event store head). */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  @Get('live')
  live(): { status: 'ok'; service: string } {
    return { status: 'ok', service: this.config.service };
  }

  @Get('ready')
  async ready(): Promise<{ status: 'ok'; service: string; eventStoreHead: number }> {
    return { status: 'ok', service: this.config.service, eventStoreHead: await this.events.headPosition() };
  }
}
