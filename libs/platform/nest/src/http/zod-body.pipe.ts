import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { BadInput } from './problem';

/** Parses with a zod schema; every issue becomes a field error (`/items/0/text`). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where = ''): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new BadInput(
    result.error.issues.map((issue) => ({
      field: `${where}/${issue.path.map(String).join('/')}`.replace(/\/$/, '') || '/',
      message: issue.message,
    })),
  );
}

/** `@Body(new ZodPipe(schema))`: unknown fields and wrong types are 400s, nothing reaches the handler. */
@Injectable()
export class ZodPipe<S extends z.ZodType> implements PipeTransform {
  constructor(private readonly schema: S, private readonly where = '') {}

  transform(value: unknown): z.infer<S> {
    return parseInput(this.schema, value ?? {}, this.where);
  }
}
