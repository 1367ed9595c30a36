import { Logger, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { setupApiDocs } from './http/api-docs';
import { bodyErrorHandler } from './http/problem-details.filter';
import type { ServiceConfig } from './service-config';

/** Body parsing with limits; malformed or oversize bodies become problem documents (400/413). */
export function configureHttp(app: INestApplication, config: Pick<ServiceConfig, 'bodyLimit'>): void {
  const server = app as NestExpressApplication;
  server.use(securityHeaders);
  server.use(express.json({ limit: config.bodyLimit, type: ['application/json', 'application/*+json'] }));
  server.use(express.text({ limit: config.bodyLimit * 20, type: ['text/csv', 'text/plain'] }));
  server.use(bodyErrorHandler);
  server.disable('x-powered-by');
}

/**
 * Idle keep-alive connections stay open longer than the gateway's and clients' pools keep them,
 * so the server never closes a socket a client is about to reuse (which the client sees as a reset).
 */
export function keepConnectionsAlive(app: INestApplication): void {
  const server = app.getHttpServer() as { keepAliveTimeout: number; headersTimeout: number };
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}

/** Headers every API answer carries (documents are JSON; nothing here should be framed or sniffed). */
function securityHeaders(_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  next();
}

export interface CreateAppOptions {
  /** Express middleware mounted before body parsing (the gateway's streaming proxy). */
  beforeBodyParsing?: (req: never, res: never, next: () => void) => void;
}

export async function createServiceApp(module: DynamicModule, config: Pick<ServiceConfig, 'bodyLimit'> & { service: string }, options: CreateAppOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, { bodyParser: false, logger: ['error', 'warn', 'log'] });
  if (options.beforeBodyParsing) (app as NestExpressApplication).use(options.beforeBodyParsing);
  configureHttp(app, config);
  setupApiDocs(app, `Pledgebook ${config.service}`, 'Problem documents (RFC 9457) on every error; ETag/If-Match on writes; Idempotency-Key on creates.');
  app.enableShutdownHooks();
  return app;
}

/** Starts a service: HTTP on the configured port, graceful shutdown on SIGTERM/SIGINT. */
export async function bootstrapService(
  module: DynamicModule,
  config: Pick<ServiceConfig, 'bodyLimit' | 'port' | 'host'> & { service: string; eventStoreUrl?: string },
  options: CreateAppOptions = {},
): Promise<void> {
  const app = await createServiceApp(module, config, options);
  await app.listen(config.port, config.host);
  keepConnectionsAlive(app);
  const store = config.eventStoreUrl ? ` (event store ${config.eventStoreUrl.split(':')[0]})` : '';
  new Logger(config.service).log(`listening on http://${config.host}:${config.port}${store}`);
}
