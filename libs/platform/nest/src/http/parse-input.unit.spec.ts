import { z } from 'zod';
import { BadInput } from './problem';
import { parseInput } from './parse-input';

const schema = z.strictObject({ name: z.string(), target: z.strictObject({ url: z.string() }) });
const errorsOf = (value: unknown, where = '') => {
  try {
    parseInput(schema, value, where);
  } catch (error) {
    if (error instanceof BadInput) return error.errors.map((e) => e.field);
    throw error;
  }
  return [];
};

describe('parseInput', () => {
  it('names each field not allowed, nested ones with their path', () => {
    expect(errorsOf({ name: 'a', target: { url: 'u' }, extra: 1, more: 2 })).toEqual(['/extra', '/more']);
    expect(errorsOf({ name: 'a', target: { url: 'u', linger: 5 } })).toEqual(['/target/linger']);
    expect(errorsOf({ name: 'a', target: { url: 'u' }, x: 1 }, '/query')).toEqual(['/query/x']);
  });

  it('names wrong and missing fields by their path, and the whole document when it is not an object', () => {
    expect(errorsOf({ name: 3, target: {} })).toEqual(['/name', '/target/url']);
    expect(errorsOf('text')).toEqual(['/']);
  });
});
