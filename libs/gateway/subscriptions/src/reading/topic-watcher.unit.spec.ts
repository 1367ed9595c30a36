// The topic watcher against a stand-in bus: the high marks it polls, and a change signal like the
// embedded bus's file events. The poll interval is a minute, so only the signal can wake a waiter
// within the test's time.
import type { ChangeSignal, MessageBus } from '@pledgebook/message-bus';
import { TopicWatcher } from './topic-watcher';

class Signal implements ChangeSignal {
  generation = 0;
  private waiters: Array<() => void> = [];
  fire(): void {
    this.generation += 1;
    for (const wake of this.waiters.splice(0)) wake();
  }
  wait(timeoutMs: number, signal?: AbortSignal, since?: number): Promise<void> {
    if (since !== undefined && since !== this.generation) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });
  }
}

function standInBus(changes?: Signal) {
  const state = { high: 0, polls: 0 };
  const offsets = async () => {
    state.polls += 1;
    return [{ partition: 0, low: 0, high: state.high }];
  };
  const bus = { offsets, ...(changes ? { changes } : {}) } as unknown as MessageBus;
  return { bus, state };
}

const MINUTE = 60_000;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A watcher with a minute's poll interval over the stand-in bus, its first poll done (a change
 * from nothing), and a waiter for news after it: `woken` gives the generation it woke at.
 */
async function waiting() {
  const changes = new Signal();
  const { bus, state } = standInBus(changes);
  const watcher = new TopicWatcher(bus, MINUTE);
  await watcher.wait('t', watcher.generation('t'), MINUTE);
  const generation = watcher.generation('t');
  const stop = new AbortController();
  const woken = watcher.wait('t', generation, MINUTE, stop.signal).then(() => watcher.generation('t'));
  await pause(20);
  return { changes, state, generation, woken, stop: () => stop.abort() };
}

describe('topic watcher', () => {
  it('wakes a waiter as soon as the bus signals a change, not a poll interval later', async () => {
    const { changes, state, generation, woken, stop } = await waiting();
    state.high = 1;
    changes.fire();
    expect(await woken).toBeGreaterThan(generation);
    stop();
  });

  it('polls again soon after a signal that came before its commit showed', async () => {
    const { changes, state, generation, woken, stop } = await waiting();
    changes.fire(); // the file event, before the commit is visible
    await pause(30);
    state.high = 1; // visible now, with no further event
    expect(await woken).toBeGreaterThan(generation);
    stop();
  });

  it('waits between polls: after a change it settles, then goes back to its interval', async () => {
    const { changes, state, stop } = await waiting();
    const before = state.polls;
    changes.fire();
    await pause(400);
    // Settling polls every 10 ms for 200 ms after the change, then the minute's interval: about
    // twenty polls. A watcher that did not wait would have made thousands.
    expect(state.polls - before).toBeGreaterThan(1);
    expect(state.polls - before).toBeLessThan(60);
    stop();
  });
});
