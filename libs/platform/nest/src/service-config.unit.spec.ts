import { ConfigurationError } from '@pledgebook/util';
import { parseServiceConfig } from './service-config';

describe('service configuration', () => {
  it('defaults to the embedded profile under ./data', () => {
    expect(parseServiceConfig('review-service', {})).toEqual({
      service: 'review-service',
      port: 3102,
      host: '127.0.0.1',
      dataDir: './data',
      eventStoreUrl: 'sqlite:data/eventstore.db',
      busUrl: 'sqlite:data/bus.db',
      readModelUrl: 'sqlite:data/review-views.db',
      logLevel: 'info',
      auth: { jwksFile: 'data/jwks.json', issuer: 'pledgebook', audience: 'pledgebook', claims: { subject: 'sub', bureau: 'bureauId', roles: 'roles', orgUnits: 'orgUnitIds' }, maxTokenLifetimeSeconds: 86400 },
      bodyLimit: 262144,
      processRole: 'all',
      workerLeaseTtlMs: 15000,
      evidence: { storeUrl: 'file:data/evidence', maxBytes: 10 * 1024 * 1024, mediaTypes: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] },
    });
  });

  it('takes the evidence store, its limits and the S3 keys', () => {
    const config = parseServiceConfig('appraisal-service', {
      EVIDENCE_STORE_URL: 's3://pledgebook-evidence?endpoint=http://minio:9000&forcePathStyle=true',
      EVIDENCE_MAX_BYTES: '2097152',
      EVIDENCE_MEDIA_TYPES: 'image/jpeg, IMAGE/PNG',
      EVIDENCE_S3_ACCESS_KEY_ID: 'evidence',
      EVIDENCE_S3_SECRET_ACCESS_KEY: 'secret',
    });
    expect(config.evidence).toEqual({
      storeUrl: 's3://pledgebook-evidence?endpoint=http://minio:9000&forcePathStyle=true',
      maxBytes: 2097152,
      mediaTypes: ['image/jpeg', 'image/png'],
      s3Credentials: { accessKeyId: 'evidence', secretAccessKey: 'secret' },
    });
  });

  it('takes the distributed URLs and port settings', () => {
    const config = parseServiceConfig('pledge-service', {
      PLEDGEBOOK_SERVICE_PORT_BASE: '4100',
      EVENTSTORE_URL: 'esdb://localhost:2113?tls=false',
      BUS_URL: 'kafka://localhost:9092',
      READMODEL_URL: 'mongodb://localhost:27017/?replicaSet=rs0',
    });
    expect(config).toMatchObject({ port: 4101, eventStoreUrl: 'esdb://localhost:2113?tls=false', busUrl: 'kafka://localhost:9092' });
  });

  it.each([
    ['PLEDGEBOOK_SERVICE_PORT_BASE', 'lots'],
    ['BUS_URL', 'amqp://rabbit'],
    ['EVENTSTORE_URL', 'postgres://x'],
    ['LOG_LEVEL', 'loud'],
    ['AUTH_ROLE_MAP', 'admin'],
    ['AUTH_MAX_TOKEN_LIFETIME_SECONDS', '0'],
    ['AUTH_MAX_TOKEN_LIFETIME_SECONDS', 'forever'],
    ['AUTH_MAX_TOKEN_LIFETIME_SECONDS', String(30 * 24 * 3600)],
    ['EVIDENCE_STORE_URL', '/var/evidence'],
    ['EVIDENCE_MAX_BYTES', '10'],
    ['EVIDENCE_MEDIA_TYPES', 'text/html'],
    ['EVIDENCE_MEDIA_TYPES', ''],
  ])('stops with an error naming %s when it is %s', (variable, value) => {
    expect(() => parseServiceConfig('pledge-service', { [variable]: value })).toThrow(ConfigurationError);
    expect(() => parseServiceConfig('pledge-service', { [variable]: value })).toThrow(new RegExp(`^${variable}:`));
  });

  it('wants both S3 keys or neither', () => {
    expect(() => parseServiceConfig('pledge-service', { EVIDENCE_S3_ACCESS_KEY_ID: 'evidence' })).toThrow(/^EVIDENCE_S3_SECRET_ACCESS_KEY:/);
  });

  it('maps an OIDC issuer\'s claims (distributed profile)', () => {
    const config = parseServiceConfig('pledge-service', {
      AUTH_JWKS_URL: 'https://idp.example.gov/realms/bureau/protocol/openid-connect/certs',
      AUTH_ISSUER: 'https://idp.example.gov/realms/bureau',
      AUTH_CLAIM_ROLES: 'realm_access.roles',
      AUTH_CLAIM_BUREAU: 'bureau_id',
      AUTH_ROLE_MAP: 'pb-member=member,pb-auditor=auditor',
    });
    expect(config.auth).toEqual({
      jwksUrl: 'https://idp.example.gov/realms/bureau/protocol/openid-connect/certs',
      issuer: 'https://idp.example.gov/realms/bureau',
      audience: 'pledgebook',
      claims: { subject: 'sub', bureau: 'bureau_id', roles: 'realm_access.roles', orgUnits: 'orgUnitIds', roleMap: { 'pb-member': 'member', 'pb-auditor': 'auditor' } },
      maxTokenLifetimeSeconds: 86400,
    });
  });

  it('takes the longest token lifetime accepted, in both identity modes', () => {
    expect(parseServiceConfig('review-service', { AUTH_MAX_TOKEN_LIFETIME_SECONDS: '3600' }).auth.maxTokenLifetimeSeconds).toBe(3600);
    expect(parseServiceConfig('review-service', { AUTH_MAX_TOKEN_LIFETIME_SECONDS: '600', AUTH_JWKS_URL: 'https://idp.example.gov/certs' }).auth).toMatchObject({ jwksUrl: 'https://idp.example.gov/certs', maxTokenLifetimeSeconds: 600 });
  });
});
