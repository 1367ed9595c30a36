import type { z } from 'zod';
import { BadInput } from './problem';

const pointer = (where: string, path: readonly PropertyKey[]) => `${where}/${path.map(String).join('/')}`.replace(/\/$/, '') || '/';

/** Parses with a zod schema; every issue becomes a field error (`/items/0/text`); a field not allowed is named itself. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where = ''): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new BadInput(
    result.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ field: pointer(where, [...issue.path, key]), message: `unknown field: ${key}` }))
        : [{ field: pointer(where, issue.path), message: issue.message }],
    ),
  );
}
