// For tests only: the appraisal service as a process whose clock runs ahead by the number of
// milliseconds in <PLEDGEBOOK_DATA_DIR>/test-clock-offset-ms (read at start), so a test can reach
// the day after a notice ends without waiting for it. Production starts main.ts; nothing here is
// reachable from it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function offsetMs(): number {
  try {
    return Number(readFileSync(join(process.env.PLEDGEBOOK_DATA_DIR ?? './data', 'test-clock-offset-ms'), 'utf8')) || 0;
  } catch {
    return 0;
  }
}

const offset = offsetMs();
if (offset) {
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as [string]));
    }

    static override now(): number {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
}

require('../main');
