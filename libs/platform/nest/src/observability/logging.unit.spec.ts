import { Writable } from 'node:stream';
import { assignCorrelationId, correlationIdFrom, currentCorrelationId, enterCorrelationContext, withCorrelationId } from '@pledgebook/util';
import { createLogger, PinoNestLogger } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

describe('logging', () => {
  it('writes JSON lines with the service, and the correlation id inside a request', async () => {
    const { lines, stream } = capture();
    const logger = new PinoNestLogger(createLogger('review-service', 'info', stream));
    logger.log('outside', 'boot');
    await withCorrelationId('corr-1', async () => {
      await new Promise((r) => setImmediate(r));
      logger.warn('inside', 'review');
      logger.error('failed', 'Error: stack…', 'review');
    });
    await new Promise((r) => setImmediate(r));
    expect(lines[0]).toMatchObject({ level: 'info', service: 'review-service', context: 'boot', msg: 'outside' });
    expect(lines[0]).not.toHaveProperty('correlationId');
    expect(lines[1]).toMatchObject({ level: 'warn', correlationId: 'corr-1', context: 'review', msg: 'inside' });
    expect(lines[2]).toMatchObject({ level: 'error', correlationId: 'corr-1', stack: 'Error: stack…', msg: 'failed' });
  });

  it('logs objects as fields and drops levels below the threshold', async () => {
    const { lines, stream } = capture();
    const logger = new PinoNestLogger(createLogger('x', 'warn', stream));
    logger.log('hidden');
    logger.warn({ event: 'access-denied', status: 403 }, 'audit');
    await new Promise((r) => setImmediate(r));
    expect(lines).toEqual([expect.objectContaining({ event: 'access-denied', status: 403, context: 'audit' })]);
  });
});

describe('correlation ids', () => {
  it('keeps a sensible caller id and replaces anything else', () => {
    expect(correlationIdFrom('abc-123:x')).toBe('abc-123:x');
    expect(correlationIdFrom('bad id with spaces')).toMatch(/^[0-9a-f-]{36}$/);
    expect(correlationIdFrom(['a', 'b'])).toMatch(/^[0-9a-f-]{36}$/);
    expect(correlationIdFrom('x'.repeat(101))).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes the id on the answer and runs the rest of the request with it', () => {
    const req: { headers: Record<string, string>; correlationId?: string } = { headers: { 'x-correlation-id': 'from-gateway' } };
    const headers: Record<string, string> = {};
    const res = { setHeader: (name: string, value: string) => (headers[name] = value) };
    let seen: string | undefined;
    assignCorrelationId(req, res, () => enterCorrelationContext(req, res, () => (seen = currentCorrelationId())));
    expect(headers['X-Correlation-Id']).toBe('from-gateway');
    expect(seen).toBe('from-gateway');
  });
});
