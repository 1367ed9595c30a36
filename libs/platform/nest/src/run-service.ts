import type { DynamicModule } from '@nestjs/common';
import { bootstrapService } from './bootstrap';
import type { ServiceConfig } from './service-config';

/** A service's main: load config, start, and on a start-up error print it and exit 1. */
export function runService(loadConfig: () => ServiceConfig, module: (config: ServiceConfig) => DynamicModule): void {
  (async () => {
    const config = loadConfig();
    await bootstrapService(module(config), config);
  })().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
