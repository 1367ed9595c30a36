import type { AppendResult, EventStore, NewEvent } from '@pledgebook/event-store';

const event = (id: string) => ({ id, type: 't', data: {} }) as unknown as NewEvent;
import { countingAppends, Metrics } from './metrics';

describe('Metrics', () => {
  it('renders request latency, appended events and lag in the Prometheus text format', async () => {
    const metrics = new Metrics('pledge-service');
    metrics.observeRequest('POST', '/api/v1/pledges', 201, 0.012);
    metrics.watchRelay('pledge-service', { headPosition: async () => 42, loadCheckpoint: async () => 40 });
    metrics.watchConsumer('pledge-service.review', 'pledgebook.review.v1', async () => 3);
    const store = countingAppends(
      { append: async (): Promise<AppendResult> => ({ nextExpectedRevision: 1, position: 2, idempotent: false }), headPosition: async () => 0 } as unknown as EventStore,
      metrics,
    );
    await store.append('s', [event('a'), event('b')]);
    expect(await store.headPosition()).toBe(0);
    const { body, contentType } = await metrics.render();
    expect(contentType).toContain('text/plain');
    expect(body).toContain('pledgebook_http_request_duration_seconds_bucket{le="0.025",service="pledge-service",method="POST",route="/api/v1/pledges",status="201"} 1');
    expect(body).toContain('pledgebook_events_appended_total{service="pledge-service"} 2');
    expect(body).toContain('pledgebook_relay_lag_events{relay="pledge-service",service="pledge-service"} 2');
    expect(body).toContain('pledgebook_consumer_lag_messages{group="pledge-service.review",topic="pledgebook.review.v1",service="pledge-service"} 3');
    expect(body).toContain('process_cpu_user_seconds_total');
  });

  it('does not count an idempotent repeat', async () => {
    const metrics = new Metrics('x');
    const store = countingAppends({ append: async (): Promise<AppendResult> => ({ nextExpectedRevision: 0, position: 1, idempotent: true }) } as unknown as EventStore, metrics);
    await store.append('s', [event('a')]);
    expect((await metrics.render()).body).toContain('pledgebook_events_appended_total{service="x"} 0');
  });
});
