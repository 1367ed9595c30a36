import type { INestApplication } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { z } from 'zod';
import { openApiSchema } from './openapi-schema';

export { openApiSchema } from './openapi-schema';

/** Documents a JSON body with the same zod schema that validates it, so the two cannot drift. */
/** `required: false` for a body a client may leave out (an empty object schema: nothing to send). */
export const ZodApiBody = (schema: z.ZodType, description?: string, options: { required?: boolean } = {}) =>
  ApiBody({ schema: openApiSchema(schema), ...(description ? { description } : {}), ...(options.required === false ? { required: false } : {}) });

export type ApiDocsPatch = (document: OpenAPIObject) => Promise<OpenAPIObject>;

/** OpenAPI for a service: UI at /api/docs, the document at /api/docs/openapi.json (no token needed). `patch` rewrites it per request (the gateway merges the services' documents). */
export function setupApiDocs(app: INestApplication, title: string, description: string, patch?: ApiDocsPatch): void {
  const config = new DocumentBuilder()
    .setTitle(title)
    .setDescription(description)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs/openapi.json',
    yamlDocumentUrl: 'api/docs/openapi.yaml',
    ...(patch ? { patchDocumentOnRequest: (_req: unknown, _res: unknown, document: OpenAPIObject) => patch(document) } : {}),
  });
}
