import { bootstrapService } from '@pledgebook/nest';
import { AppModule } from './app.module';
import { loadConfig } from './config';

(async () => {
  const config = loadConfig();
  await bootstrapService(await AppModule.forRoot(config), config);
})().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
