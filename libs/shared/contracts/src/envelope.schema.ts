import type { JsonSchema } from './json-schema';

/**
 * JSON Schema (draft 2020-12) of the CloudEvents envelope every integration event carries.
 * Pledgebook's own attributes are required; extension attributes that intermediaries add
 * (`traceparent`, `partitionkey`, …) are accepted when they follow the CloudEvents naming rule
 * (lower-case ASCII letters and digits) and JSON mapping (string, integer or boolean).
 */
export const cloudEventEnvelopeSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://pledgebook.example/schemas/cloudevent-envelope.json',
  title: 'Pledgebook CloudEvent envelope (structured JSON mode)',
  type: 'object',
  required: [
    'specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'dataschema', 'data',
    'bureauid', 'actorid', 'correlationid', 'causationid', 'streamid', 'streamrevision', 'hash',
  ],
  properties: {
    specversion: { const: '1.0' },
    id: { type: 'string', format: 'uuid' },
    source: { type: 'string', pattern: '^/bureaus/[^/]+/[a-z-]+$' },
    type: { type: 'string', pattern: '^pledgebook\\.[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*\\.v[1-9][0-9]*$' },
    subject: { type: 'string', minLength: 1 },
    time: { type: 'string', format: 'date-time' },
    datacontenttype: { const: 'application/json' },
    dataschema: { type: 'string', format: 'uri' },
    data: { type: 'object' },
    bureauid: { type: 'string', minLength: 1 },
    actorid: { type: 'string', minLength: 1 },
    correlationid: { type: 'string', minLength: 1 },
    causationid: { type: 'string', minLength: 1 },
    streamid: { type: 'string', minLength: 1 },
    streamrevision: { type: 'integer', minimum: 0 },
    hash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  },
  propertyNames: { pattern: '^[a-z0-9]+$' },
  additionalProperties: { anyOf: [{ type: 'string' }, { type: 'integer' }, { type: 'boolean' }] },
};
