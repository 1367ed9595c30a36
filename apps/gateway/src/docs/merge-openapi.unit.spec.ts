import { mergeOpenApi, type OpenApiDocument } from './merge-openapi';

const doc = (title: string, paths: OpenApiDocument['paths'], schemas: Record<string, unknown> = {}): OpenApiDocument => ({
  openapi: '3.0.0',
  info: { title, version: '1' },
  paths,
  components: { schemas, securitySchemes: { bearer: { type: 'http' } } },
});

describe('mergeOpenApi', () => {
  const gateway = doc('Pledgebook gateway', { '/api/v1/auth/login': { post: { summary: 'login' } }, '/health/live': { get: {} } });
  const pledge = doc('Pledgebook pledge-service', { '/api/v1/pledges': { get: { summary: 'list' }, post: { summary: 'draft' }, parameters: [] }, '/health/ready': { get: {} }, '/metrics': { get: {} } }, { Pledge: { type: 'object' } });

  it('puts every service path beside the gateway\'s, tagged by service, without per-process endpoints', () => {
    const merged = mergeOpenApi(gateway, [{ service: 'pledge-service', document: pledge }]);
    expect(Object.keys(merged.paths)).toEqual(['/api/v1/auth/login', '/api/v1/pledges', '/health/live']);
    expect(merged.paths['/api/v1/pledges']).toEqual({ get: { summary: 'list', tags: ['pledge-service'] }, post: { summary: 'draft', tags: ['pledge-service'] }, parameters: [] });
    expect(merged.paths['/api/v1/auth/login']!.post).toEqual({ summary: 'login', tags: ['gateway'] });
    expect(merged.components?.schemas).toEqual({ Pledge: { type: 'object' } });
    expect(merged.components?.securitySchemes).toEqual({ bearer: { type: 'http' } });
    expect(merged.tags?.map((t) => t.name)).toEqual(['gateway', 'pledge-service']);
    expect(merged.info.title).toBe('Pledgebook API');
    expect(merged.info.description).toBe('All services behind the gateway.');
  });

  it('names the services that did not answer', () => {
    const merged = mergeOpenApi(gateway, [{ service: 'pledge-service', document: pledge }, { service: 'review-service' }]);
    expect(merged.info.description).toContain('Not included: review-service (did not answer).');
  });

  it('leaves out a document of another OpenAPI version, whose schemas the merged document could not hold', () => {
    const merged = mergeOpenApi(gateway, [{ service: 'pledge-service', document: { ...pledge, openapi: '3.1.0' } }]);
    expect(Object.keys(merged.paths)).toEqual(['/api/v1/auth/login', '/health/live']);
    expect(merged.openapi).toBe('3.0.0');
    expect(merged.info.description).toBe('All services behind the gateway.\n\nNot included: pledge-service (OpenAPI 3.1.0).');
  });
});
