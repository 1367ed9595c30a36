import { bootstrapService } from '@pledgebook/nest';
import { AppModule } from './app.module';
import { loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig();
  await bootstrapService(AppModule.forRoot(config), config);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
