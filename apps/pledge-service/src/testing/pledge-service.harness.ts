import { startServiceProcess, type Harness } from '@pledgebook/nest/testing';
import { join } from 'node:path';

export type { Caller, Harness, Reply } from '@pledgebook/nest/testing';

/** The real pledge service as its own process, trusting a test signing key. */
export function startPledgeService(env: Record<string, string> = {}): Promise<Harness> {
  return startServiceProcess(join(__dirname, '..', 'main.ts'), { env });
}
