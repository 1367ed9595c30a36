import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../auth/principal';

/** Named readiness probes: each resolves (optionally with details) when its dependency answers. */
export type HealthProbes = Record<string, () => Promise<Record<string, unknown> | void>>;
export const HEALTH_PROBES = Symbol('HealthProbes');

const PROBE_TIMEOUT_MS = 2_000;

/** /health/live: the process answers. /health/ready: every store and the bus answer (503 otherwise). */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(HEALTH_PROBES) private readonly probes: HealthProbes,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(
      Object.entries(this.probes).map(([name, probe]) => () => this.indicators.check(name).attempt(async () => (await probe()) ?? {}).withTimeout(PROBE_TIMEOUT_MS)),
    );
  }
}
