import { z } from 'zod';
import { openApiSchema } from './openapi-schema';

describe('openApiSchema', () => {
  const body = z
    .object({
      kind: z.literal('deed'),
      note: z.string().max(20).nullable(),
      quarter: z.union([z.literal(1), z.literal(2)]).optional(),
      amountFen: z.number().int().min(0).default(0),
    })
    .strict();

  it('speaks the OpenAPI 3.0 dialect: no $schema, enum for literals, nullable for null', () => {
    const schema = openApiSchema(body);
    expect(JSON.stringify(schema)).not.toMatch(/"\$schema"|"const"|"\$defs"|"type":\["/);
    expect(schema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      properties: {
        kind: { type: 'string', enum: ['deed'] },
        note: { type: 'string', maxLength: 20, nullable: true },
        quarter: { anyOf: [{ enum: [1] }, { enum: [2] }] },
      },
    });
  });

  it('describes the input a client sends: defaulted fields are not required', () => {
    expect(openApiSchema(body).required).toEqual(['kind', 'note']);
  });
});
