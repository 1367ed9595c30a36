import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { parseInput } from './parse-input';

/** `@Body(new ZodPipe(schema))`: unknown fields and wrong types are 400s, nothing reaches the handler. */
@Injectable()
export class ZodPipe<S extends z.ZodType> implements PipeTransform {
  constructor(private readonly schema: S, private readonly where = '') {}

  transform(value: unknown): z.infer<S> {
    return parseInput(this.schema, value ?? {}, this.where);
  }
}
