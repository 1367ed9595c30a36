import { parseEnvironment, parseServiceConfig, type ServiceConfig } from '@pledgebook/nest';
import { z } from 'zod';

export interface AppraisalConfig extends ServiceConfig {
  /** BALLOT_RATE_LIMIT_PER_MINUTE: requests per client address and minute on the ballot routes that need no account. */
  ballotsPerMinute: number;
}

const schema = z.object({ BALLOT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60) });

/** The one place this service reads its environment (validated; a bad value names the variable). */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppraisalConfig {
  const own = parseEnvironment(schema, env);
  return { ...parseServiceConfig('appraisal-service', env), ballotsPerMinute: own.BALLOT_RATE_LIMIT_PER_MINUTE };
}
