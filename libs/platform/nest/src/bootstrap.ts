import { Logger, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger as Pino } from 'pino';
import { pinoHttp } from 'pino-http';
import { setupApiDocs, type ApiDocsPatch } from './http/api-docs';
import { bodyErrorHandler } from './http/problem-details.filter';
import { assignCorrelationId, enterCorrelationContext } from '@pledgebook/util';
import { createLogger, PinoNestLogger, type LogLevel } from './observability/logger';
import { Metrics, requestTiming } from './observability/metrics';
import type { ServiceConfig } from './service-config';

/** Body parsing with limits; malformed or oversize bodies become problem documents (400/413). */
export function configureHttp(app: INestApplication, config: Pick<ServiceConfig, 'bodyLimit'>): void {
  const server = app as NestExpressApplication;
  server.use(securityHeaders);
  server.use(express.json({ limit: config.bodyLimit, type: ['application/json', 'application/*+json'] }));
  // Files arrive as bytes: a CSV is decoded by the route, from its declared or detected charset; a workbook is unzipped there.
  server.use(express.raw({ limit: config.bodyLimit * 20, type: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] }));
  server.use(express.text({ limit: config.bodyLimit * 20, type: ['text/plain'] }));
  server.use(bodyErrorHandler);
  server.use(enterCorrelationContext);
  server.disable('x-powered-by');
}

const QUIET_PATHS = /^\/(health|metrics)(\/|$)/;

/** Correlation id, request timing and one JSON log line per request (never headers or bodies). */
function observeRequests(app: NestExpressApplication, logger: Pino): void {
  app.use(assignCorrelationId);
  app.use(requestTiming(app.get(Metrics, { strict: false })));
  app.use(
    pinoHttp({
      logger,
      genReqId: (req) => (req as { correlationId?: string }).correlationId ?? '',
      customAttributeKeys: { reqId: 'correlationId' },
      // The request's lines carry the id even where no async context reaches (proxied requests).
      quietReqLogger: true,
      autoLogging: { ignore: (req) => QUIET_PATHS.test(req.url ?? '') },
      serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }), res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }) },
    }),
  );
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

/**
 * Headers every API answer carries (documents are JSON; nothing here should be framed or sniffed).
 * What a reader is shown depends on who asks (an objector's name for the leading group only, a
 * score while the office scores): answers are private to the caller's browser, revalidated each
 * time (ETags still save the body), and cached per Authorization header, so a second person in the
 * same browser never gets the first one's copy back on a 304. A route may set its own Cache-Control.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'private, no-cache',
  Vary: 'Authorization',
};

function securityHeaders(_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  next();
}

/** Handles a request before Express sees it; returns false to pass it on. */
export type RequestInterceptor = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface CreateAppOptions {
  /** Takes requests before Express (the gateway's streaming proxy), given the process's metrics and logger. */
  intercept?: (observe: { metrics: Metrics; logger: Pino }) => RequestInterceptor;
  /** Rewrites the OpenAPI document per request (the gateway merges the services' documents into its own). */
  patchApiDocs?: ApiDocsPatch;
  /** Proxies in front of this process (Express's `trust proxy`): `req.ip` is then the client's address. */
  trustProxy?: string[];
}

/** Puts `intercept` in front of Express on the HTTP server: what it handles never enters the middleware chain. */
function interceptBeforeExpress(app: INestApplication, intercept: RequestInterceptor): void {
  const server = app.getHttpServer() as Server;
  const handlers = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!intercept(req, res)) for (const handler of handlers) handler.call(server, req, res);
  });
}

let processLogger: { service: string; level: LogLevel; logger: Pino } | undefined;

/** JSON logging for the process: Nest's own lines and every `new Logger()` go through pino. */
export function useJsonLogging(service: string, level: LogLevel = 'info'): Pino {
  // Once per process: a main that logs before the app is created (the gateway) shares this logger.
  if (processLogger?.service !== service || processLogger.level !== level) {
    processLogger = { service, level, logger: createLogger(service, level) };
    Logger.overrideLogger(new PinoNestLogger(processLogger.logger));
  }
  return processLogger.logger;
}

export async function createServiceApp(
  module: DynamicModule,
  config: Pick<ServiceConfig, 'bodyLimit'> & { service: string; logLevel?: LogLevel },
  options: CreateAppOptions = {},
): Promise<INestApplication> {
  const logger = useJsonLogging(config.service, config.logLevel ?? 'info');
  const app = await NestFactory.create<NestExpressApplication>(module, { bodyParser: false, logger: new PinoNestLogger(logger) });
  observeRequests(app, logger);
  if (options.trustProxy?.length) app.set('trust proxy', options.trustProxy);
  if (options.intercept) interceptBeforeExpress(app, options.intercept({ metrics: app.get(Metrics, { strict: false }), logger }));
  configureHttp(app, config);
  setupApiDocs(app, `Pledgebook ${config.service}`, 'Problem documents (RFC 9457) on every error; ETag/If-Match on writes; Idempotency-Key on creates.', options.patchApiDocs);
  app.enableShutdownHooks();
  return app;
}

/** Starts a service: HTTP on the configured port, graceful shutdown on SIGTERM/SIGINT. */
export async function bootstrapService(
  module: DynamicModule,
  config: Pick<ServiceConfig, 'bodyLimit' | 'port' | 'host'> & { service: string; eventStoreUrl?: string; logLevel?: LogLevel },
  options: CreateAppOptions = {},
): Promise<void> {
  const app = await createServiceApp(module, config, options);
  await app.listen(config.port, config.host);
  keepConnectionsAlive(app);
  const store = config.eventStoreUrl ? ` (event store ${config.eventStoreUrl.split(':')[0]})` : '';
  new Logger(config.service).log(`listening on http://${config.host}:${config.port}${store}`);
}
