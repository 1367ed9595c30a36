import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../auth/principal';
import { runProbe, type HealthProbes } from './readiness-probe';

export type { HealthProbe, HealthProbes } from './readiness-probe';
export const HEALTH_PROBES = Symbol('HealthProbes');

/** /health/live: the process answers. /health/ready: every store and the bus answer (503 naming what does not). */
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

  /**
   * 200 or 503 with terminus's report (which probe is down, its engine and why). The 503 is
   * answered here: thrown, the problem-document filter would keep only "Service Unavailable".
   */
  @Get('ready')
  @HealthCheck()
  async ready(@Res({ passthrough: true }) response: { status(code: number): unknown }) {
    try {
      return await this.health.check(
        Object.entries(this.probes).map(([name, probe]) => async () => {
          const { up, data } = await runProbe(name, probe);
          return up ? this.indicators.check(name).up(data) : this.indicators.check(name).down(data);
        }),
      );
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse();
    }
  }
}
