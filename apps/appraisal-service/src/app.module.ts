import { Module, type DynamicModule } from '@nestjs/common';
import { AppraisalFeatureModule } from '@pledgebook/appraisal-feature';
import { EvidenceStorageModule, ServicePlatformModule } from '@pledgebook/nest';
import type { AppraisalConfig } from './config';

@Module({})
export class AppModule {
  static forRoot(config: AppraisalConfig): DynamicModule {
    return { module: AppModule, imports: [ServicePlatformModule.forRoot(config), EvidenceStorageModule.forRoot(config), AppraisalFeatureModule.forRoot({ ballotsPerMinute: config.ballotsPerMinute })] };
  }
}
