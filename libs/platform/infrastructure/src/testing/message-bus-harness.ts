import type { MessageBusContractOptions } from '@pledgebook/message-bus/testing';
import { openMessageBus } from '../open-message-bus';
import { exited, runScript, waitForLine } from './child-process';

/** Contract options for a bus reachable by URL, with consumer processes as real child processes. */
export function messageBusHarness(url: string): MessageBusContractOptions {
  return {
    open: () => openMessageBus(url),
    async spawnConsumer(topic, groupId) {
      const child = runScript('consumer.script.ts', [url, topic, groupId]);
      const received: string[] = [];
      let buffer = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) if (line.startsWith('id ')) received.push(line.slice(3));
      });
      await waitForLine(child, 'joined');
      return {
        received,
        async stop() {
          child.kill('SIGTERM');
          await exited(child);
        },
      };
    },
  };
}
