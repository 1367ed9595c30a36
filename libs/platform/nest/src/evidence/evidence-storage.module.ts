import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { openBlobStore } from '@pledgebook/infrastructure';
import type { ServiceConfig } from '../service-config';
import { EvidenceFiles } from './evidence-files';

export const EVIDENCE_FILES = Symbol('EvidenceFiles');

class EvidenceLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVIDENCE_FILES) private readonly files: EvidenceFiles) {}

  onApplicationShutdown(): Promise<void> {
    return this.files.store.close();
  }
}

/** For the services that keep evidence files (pledge, appraisal): the blob store their URL names, with the limits. */
@Global()
@Module({})
export class EvidenceStorageModule {
  static forRoot(config: Pick<ServiceConfig, 'evidence' | 'dataDir'>): DynamicModule {
    return {
      module: EvidenceStorageModule,
      providers: [
        {
          provide: EVIDENCE_FILES,
          useFactory: async () => new EvidenceFiles(await openBlobStore(config.evidence.storeUrl, { ...(config.evidence.s3Credentials ? { s3Credentials: config.evidence.s3Credentials } : {}) }), config.evidence),
        },
        EvidenceLifecycle,
      ],
      exports: [EVIDENCE_FILES],
    };
  }
}
