import { bootstrapService, useJsonLogging } from '@pledgebook/nest';
import { AppModule } from './app.module';
import { loadConfig } from './config';
import { openApiMerger } from './docs/merge-openapi';
import { serviceProxy } from './routing/service-proxy';

(async () => {
  const config = loadConfig();
  useJsonLogging(config.service, config.logLevel);
  await bootstrapService(await AppModule.forRoot(config), config, {
    beforeBodyParsing: serviceProxy(config.services, config.bodyLimit) as never,
    patchApiDocs: openApiMerger(config.services),
  });
})().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
