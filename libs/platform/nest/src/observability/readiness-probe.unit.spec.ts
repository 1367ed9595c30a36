import { runProbe } from './readiness-probe';

describe('readiness probes', () => {
  it('answers down, naming the engine, when a server does not answer in time', async () => {
    const started = Date.now();
    const result = await runProbe('eventStore', { engine: 'EventStoreDB', check: () => new Promise(() => undefined) }, 50);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result).toEqual({ up: false, data: { engine: 'EventStoreDB', message: 'EventStoreDB did not answer within 50 ms' } });
  });

  it("answers down with the engine's error, and up with the probe's details", async () => {
    const refused = await runProbe('readModels', { engine: 'MongoDB', check: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1')) }, 50);
    expect(refused).toEqual({ up: false, data: { engine: 'MongoDB', message: 'MongoDB: connect ECONNREFUSED 127.0.0.1:1' } });
    const named = await runProbe('messageBus', { engine: 'Kafka', check: () => Promise.reject(new Error('Kafka (127.0.0.1:1) does not answer')) }, 50);
    expect(named.data.message).toBe('Kafka (127.0.0.1:1) does not answer');
    expect(await runProbe('eventStore', { engine: 'SQLite', check: async () => ({ head: 7 }) }, 50)).toEqual({ up: true, data: { engine: 'SQLite', head: 7 } });
    expect(await runProbe('accounts', async () => undefined, 50)).toEqual({ up: true, data: {} });
  });
});
