import { dataSchemaUri, eventSource, type CloudEvent } from './cloud-event';
import type { EventContract, JsonSchema } from './json-schema';

/**
 * Example messages for the AsyncAPI document, built from each contract's own schema so they
 * follow it when it changes (a test validates every example with the contract registry). A
 * schema that names its own `examples` is used as written; otherwise values come from
 * `const`, `enum`, `default`, formats and bounds, and strings from the property's name.
 */
export function exampleData(schema: JsonSchema, name = 'value'): unknown {
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if ('default' in schema) return schema.default;
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const options = schema[keyword];
    if (Array.isArray(options) && options.length) return exampleData(options[0] as JsonSchema, name);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      return Object.fromEntries(Object.entries(properties).map(([key, property]) => [key, exampleData(property, key)]));
    }
    case 'array': {
      const count = Math.max(1, Number(schema.minItems ?? 1));
      const singular = name.endsWith('s') ? name.slice(0, -1) : name;
      return Array.from({ length: count }, (_, i) => withOrdinal(exampleData((schema.items ?? {}) as JsonSchema, singular), i));
    }
    case 'integer':
    case 'number':
      return Math.min(Number(schema.maximum ?? Infinity), Math.max(Number(schema.minimum ?? -Infinity), 1));
    case 'boolean':
      return true;
    case 'string':
      return exampleString(schema, name);
    default:
      return null;
  }
}

const FORMATS: Record<string, string> = {
  date: '2026-03-02',
  'date-time': '2026-03-02T08:30:00.000Z',
  uuid: '01950f3c-7a2e-7c41-9d8e-5b2f6a1c3d40',
  uri: 'https://pledgebook.example/',
};

function exampleString(schema: JsonSchema, name: string): string {
  const formatted = FORMATS[String(schema.format)];
  if (formatted) return formatted;
  // `pledgeId` → `pledge-1`, `orgUnitId` → `org-unit-1`; other strings show their field's name.
  const kebab = name.replace(/Id$/, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const text = name.endsWith('Id') ? `${kebab}-1` : kebab;
  const min = Number(schema.minLength ?? 0);
  const max = Number(schema.maxLength ?? Infinity);
  return text.padEnd(min, 'x').slice(0, max);
}

/** The second of two example ids is `…-2`, so an array's items differ. */
function withOrdinal(value: unknown, index: number): unknown {
  return index > 0 && typeof value === 'string' ? value.replace(/-1$/, `-${index + 1}`) : value;
}

/**
 * A whole CloudEvent as a subscriber receives it. The envelope values are illustrative: the
 * subject names the aggregate by the first id the data requires (`members/member-1`), under
 * the publishing context when that is not the pledge context (`reviews/pledge-1`).
 */
export function exampleEvent(contract: EventContract): CloudEvent {
  const [, context = 'pledge'] = contract.type.split('.');
  const data = exampleData(contract.dataSchema) as Record<string, unknown>;
  const idField = ((contract.dataSchema.required ?? []) as string[]).find((field) => field.endsWith('Id')) ?? 'pledgeId';
  const aggregate = context === 'pledge' ? String(exampleString({}, idField)).replace(/-1$/, '') : context;
  const key = String(data[idField] ?? `${aggregate}-1`);
  return {
    specversion: '1.0',
    id: FORMATS.uuid!,
    source: eventSource('bureau-1', `${context}-service`),
    type: contract.type,
    subject: `${aggregate}s/${key}`,
    time: FORMATS['date-time']!,
    datacontenttype: 'application/json',
    dataschema: dataSchemaUri(contract.type),
    data,
    bureauid: 'bureau-1',
    actorid: 'member-1',
    correlationid: 'correlation-1',
    causationid: 'correlation-1',
    streamid: `${aggregate}-${key}`,
    streamrevision: 0,
    hash: '9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c2b4d6f8e0a1c3e5b7d9f1a3c5e7b9d0f',
  };
}
