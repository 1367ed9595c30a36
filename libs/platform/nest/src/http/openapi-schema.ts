import { z } from 'zod';

/**
 * The OpenAPI 3.0 Schema Object for a zod schema, as a request body accepts it. The documents
 * stay `openapi: 3.0.x` (what @nestjs/swagger emits, and what most client generators read), so
 * schemas are generated for that dialect: `enum` instead of `const`, `nullable` instead of a
 * `null` type, no `$schema` (ADR 0033).
 */
export function openApiSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
