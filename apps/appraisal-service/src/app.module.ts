import { Module, type DynamicModule } from '@nestjs/common';
import { AppraisalFeatureModule } from '@pledgebook/appraisal-feature';
import { ServicePlatformModule, type ServiceConfig } from '@pledgebook/nest';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return { module: AppModule, imports: [ServicePlatformModule.forRoot(config), AppraisalFeatureModule] };
  }
}
