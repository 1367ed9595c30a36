import { parseServiceConfig, type ServiceConfig } from '@pledgebook/nest';

/** The one place this service reads its environment (validated; a bad value names the variable). */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServiceConfig {
  return parseServiceConfig('appraisal-service', env);
}
