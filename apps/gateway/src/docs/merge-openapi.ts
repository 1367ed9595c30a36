/** The parts of an OpenAPI 3 document the merge touches. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; description?: string; version: string };
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> } & Record<string, unknown>;
  tags?: Array<{ name: string; description?: string }>;
  [key: string]: unknown;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * One document for the whole API: the gateway's own paths plus every service's, each operation
 * tagged with the service that answers it. Services that did not answer are named in the
 * description, so a partial document is never mistaken for the whole one.
 */
export function mergeOpenApi(gateway: OpenApiDocument, services: ReadonlyArray<{ service: string; document?: OpenApiDocument }>): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  const schemas: Record<string, unknown> = { ...(gateway.components?.schemas ?? {}) };
  const tags = [{ name: 'gateway', description: 'Sign-in, accounts, keys' }];
  const tagged = (item: Record<string, unknown>, tag: string) =>
    Object.fromEntries(Object.entries(item).map(([key, op]) => [key, METHODS.includes(key) && op && typeof op === 'object' ? { ...op, tags: [tag] } : op]));
  for (const [path, item] of Object.entries(gateway.paths)) paths[path] = tagged(item, 'gateway');
  const missing: string[] = [];
  const dialect = (version: string) => version.split('.').slice(0, 2).join('.');
  for (const { service, document } of services) {
    if (!document) {
      missing.push(`${service} (did not answer)`);
      continue;
    }
    // A 3.1 schema inside a 3.0 document (or the reverse) would make the whole document invalid.
    if (dialect(document.openapi) !== dialect(gateway.openapi)) {
      missing.push(`${service} (OpenAPI ${document.openapi})`);
      continue;
    }
    tags.push({ name: service, description: document.info.title });
    for (const [path, item] of Object.entries(document.paths)) {
      // Health, metrics and docs are per process, not part of the public API.
      if (!path.startsWith('/api/v1/')) continue;
      paths[path] = { ...(paths[path] ?? {}), ...tagged(item, service) };
    }
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) schemas[name] ??= schema;
  }
  const note = missing.length ? `\n\nNot included: ${missing.join(', ')}.` : '';
  return {
    ...gateway,
    info: { ...gateway.info, title: 'Pledgebook API', description: `All services behind the gateway.${note}` },
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: { ...(gateway.components ?? {}), schemas },
    tags,
  };
}

/** Fetches the services' documents (cached briefly) and merges them into the gateway's. */
export function openApiMerger(services: Record<string, string>, ttlMs = 10_000) {
  let cached: { at: number; documents: Array<{ service: string; document?: OpenApiDocument }> } | undefined;
  const fetchAll = async () =>
    Promise.all(
      Object.entries(services).map(async ([service, base]) => {
        try {
          const response = await fetch(new URL('/api/docs/openapi.json', base), { signal: AbortSignal.timeout(2_000) });
          return response.ok ? { service, document: (await response.json()) as OpenApiDocument } : { service };
        } catch {
          return { service };
        }
      }),
    );
  return async <D>(gateway: D): Promise<D> => {
    if (!cached || Date.now() - cached.at > ttlMs || cached.documents.some((d) => !d.document)) cached = { at: Date.now(), documents: await fetchAll() };
    return mergeOpenApi(gateway as OpenApiDocument, cached.documents) as D;
  };
}
