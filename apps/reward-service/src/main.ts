import { runService } from '@pledgebook/nest';
import { AppModule } from './app.module';
import { loadConfig } from './config';

runService(loadConfig, (config) => AppModule.forRoot(config));
