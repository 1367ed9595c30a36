// Every process's /api/docs/openapi.json, fetched from the running process and checked by a
// maintained OpenAPI validator (the official 3.0 schema plus the parser's semantic checks), and
// the gateway's merged document of all of them.
import SwaggerParser from '@apidevtools/swagger-parser';
import { startServiceProcess, type Harness } from '@pledgebook/nest/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenAPI } from 'openapi-types';

const SERVICES = ['pledge-service', 'review-service', 'appraisal-service', 'reward-service'] as const;
const URL_VARIABLE = { 'pledge-service': 'PLEDGE_SERVICE_URL', 'review-service': 'REVIEW_SERVICE_URL', 'appraisal-service': 'APPRAISAL_SERVICE_URL', 'reward-service': 'REWARD_SERVICE_URL' } as const;

const dataDir = mkdtempSync(join(tmpdir(), 'pledgebook-openapi-'));
const services = new Map<string, Harness>();
let gateway: Harness;

beforeAll(async () => {
  for (const service of SERVICES) services.set(service, await startServiceProcess(join(__dirname, '..', '..', service, 'src', 'main.ts'), { dataDir, trustTestKey: false }));
  gateway = await startServiceProcess(join(__dirname, 'main.ts'), {
    dataDir,
    portVariable: 'PLEDGEBOOK_GATEWAY_PORT',
    trustTestKey: false,
    env: { PLEDGEBOOK_ADMIN_PASSWORD: 'Docs-Admin-Password-1', ...Object.fromEntries(SERVICES.map((s) => [URL_VARIABLE[s], services.get(s)!.baseUrl])) },
  });
}, 240_000);
afterAll(async () => {
  await gateway?.close();
  for (const harness of services.values()) await harness.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function documentOf(harness: Harness): Promise<OpenAPI.Document & { openapi: string; paths: Record<string, unknown> }> {
  const reply = await harness.call(undefined, 'GET', '/api/docs/openapi.json');
  expect(reply.status).toBe(200);
  return reply.body;
}

/** Validates a copy (the parser dereferences in place); resolves to the validator's message, or 'valid'. */
const verdict = (document: object) =>
  SwaggerParser.validate(structuredClone(document) as OpenAPI.Document).then(
    () => 'valid',
    (error: Error) => error.message,
  );

describe('OpenAPI documents', () => {
  it.each(SERVICES)('%s serves a valid OpenAPI 3.0 document', async (service) => {
    const document = await documentOf(services.get(service)!);
    expect(document.openapi).toMatch(/^3\.0\.\d+$/);
    expect(await verdict(document)).toBe('valid');
  });

  it('the gateway serves a valid merged document naming every service', async () => {
    const document = await documentOf(gateway);
    expect(await verdict(document)).toBe('valid');
    expect(document.info.description).not.toContain('Not included');
    expect((document.tags ?? []).map((t) => t.name)).toEqual(['gateway', ...SERVICES]);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/pledges', '/api/v1/pledges/{pledgeId}/submit']));
  });

  it('the validator refuses the draft 2020-12 keywords a 3.0 document may not hold', async () => {
    const document = await documentOf(services.get('pledge-service')!);
    const [path, item] = Object.entries(document.paths).find(([, i]) => (i as { post?: unknown }).post)! as [string, { post: Record<string, unknown> }];
    const broken = { ...document, paths: { ...document.paths, [path]: { ...item, post: { ...item.post, requestBody: { content: { 'application/json': { schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', const: 'x' } } } } } } } };
    expect(await verdict(broken)).toMatch(/schema validation failed/i);
  });
});
