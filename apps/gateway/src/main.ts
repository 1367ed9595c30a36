import { bootstrapService, SECURITY_HEADERS, useJsonLogging } from '@pledgebook/nest';
import { AppModule } from './app.module';
import { consoleStatic } from './console/console-static';
import { loadConfig } from './config';
import { openApiMerger } from './docs/merge-openapi';
import { serviceProxy } from './routing/service-proxy';

(async () => {
  const config = loadConfig();
  useJsonLogging(config.service, config.logLevel);
  await bootstrapService(await AppModule.forRoot(config), config, {
    intercept: ({ metrics, logger }) => {
      // The web console at `/` (when built); /api, /health, /metrics and /.well-known stay the gateway's and the services'.
      const webConsole = consoleStatic(config.consoleDir, SECURITY_HEADERS);
      const proxy = serviceProxy(config.services, { bodyLimit: config.bodyLimit, evidenceLimit: config.evidenceMaxBytes, headers: SECURITY_HEADERS, upstreamTimeoutMs: config.upstreamTimeoutMs }, {
        finished: ({ method, route, status, seconds, correlationId, url }) => {
          metrics.observeRequest(method, route, status, seconds);
          if (logger.isLevelEnabled('info')) logger.info({ correlationId, req: { method, url }, res: { statusCode: status }, responseTime: Math.round(seconds * 1000) }, 'request completed');
        },
      });
      return (req, res) => proxy(req, res) || webConsole(req, res);
    },
    patchApiDocs: openApiMerger(config.services),
    trustProxy: config.trustedProxies,
  });
})().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
