// The content-hash suffix kustomize gives a generated ConfigMap or Secret (its hasher: the JSON of
// kind, name, data — and type for a Secret — with sorted keys as Go encodes it, SHA-256, the first
// ten hex digits with 0 1 3 a e swapped for g h k m t so the suffix never reads as a number).
import { createHash } from 'node:crypto';

/** JSON as Go's encoding/json writes a map: keys sorted, <, > and & escaped. */
function goJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${goJson(k)}:${goJson(v)}`).join(',')}}`;
}

function encode(hex: string): string {
  const swap: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex.slice(0, 10)].map((c) => swap[c] ?? c).join('');
}

export interface Generated {
  kind: 'ConfigMap' | 'Secret';
  metadata: { name: string };
  type?: string;
  data?: Record<string, string>;
}

export function nameHash(object: Generated): string {
  const encoded = object.kind === 'ConfigMap' ? { kind: 'ConfigMap', name: object.metadata.name, data: object.data ?? {} } : { kind: 'Secret', type: object.type ?? 'Opaque', name: object.metadata.name, data: object.data ?? {} };
  return encode(createHash('sha256').update(goJson(encoded)).digest('hex'));
}
