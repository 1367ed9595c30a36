import type { EventStoreContractOptions } from '@pledgebook/event-store/testing';
import { openEventStore } from '../open-event-store';
import { exited, runScript, runToCompletion, waitForLine } from './child-process';

/** Contract options for a store reachable by URL, with the multi-process tests wired to real child processes. */
export function eventStoreHarness(url: string): EventStoreContractOptions {
  return {
    open: ({ clock }) => openEventStore(url, { clock }),
    spawnBatchWriter(stream, batchSize) {
      const child = runScript('batch-writer.script.ts', [url, stream, String(batchSize)]);
      return {
        ready: waitForLine(child, 'ready'),
        kill: () => child.kill('SIGKILL'),
        exited: exited(child),
      };
    },
    runRacingWriter: (stream, count) => runToCompletion(runScript('racing-writer.script.ts', [url, stream, String(count)])),
  };
}
