import { Global, Module, type DynamicModule, type FactoryProvider } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ACCESS_DENIAL_SINK, AccessAudit, OBSERVED_SERVICE, type AccessDenialSink } from './access-audit';
import { HEALTH_PROBES, HealthController, type HealthProbes } from './health.controller';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';

type Factory<T> = Omit<FactoryProvider<T>, 'provide'>;

export interface ObservabilityOptions {
  service: string;
  /** Readiness probes (stores, bus). */
  probes: Factory<HealthProbes>;
  /** Where access denials are recorded besides the log. */
  denialSink?: Factory<AccessDenialSink>;
}

/** Health (terminus), metrics (prom-client) and the access audit, for every process. */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: OBSERVED_SERVICE, useValue: options.service },
        { provide: Metrics, useValue: new Metrics(options.service) },
        { provide: HEALTH_PROBES, ...options.probes },
        ...(options.denialSink ? [{ provide: ACCESS_DENIAL_SINK, ...options.denialSink }] : []),
        AccessAudit,
      ],
      exports: [Metrics, AccessAudit, OBSERVED_SERVICE],
    };
  }
}
