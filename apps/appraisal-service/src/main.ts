import { runService } from '@pledgebook/nest';
import { AppModule } from './app.module';
import { loadConfig, type AppraisalConfig } from './config';

// loadConfig returns the appraisal settings beside the common ones; runService hands them back.
runService(loadConfig, (config) => AppModule.forRoot(config as AppraisalConfig));
