import { Logger, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ServiceConfig } from './service-config';

/** Starts a service: HTTP on the configured port, graceful shutdown on SIGTERM/SIGINT. */
export async function bootstrapService(module: DynamicModule, config: ServiceConfig): Promise<void> {
  const app = await NestFactory.create(module, { logger: ['error', 'warn', 'log'] });
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  new Logger(config.service).log(`listening on http://${config.host}:${config.port} (event store ${config.eventStoreUrl.split(':')[0]})`);
}
