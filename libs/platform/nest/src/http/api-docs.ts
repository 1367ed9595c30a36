import type { INestApplication } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';

/** Documents a JSON body with the same zod schema that validates it, so the two cannot drift. */
export const ZodApiBody = (schema: z.ZodType, description?: string) =>
  ApiBody({ schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>, ...(description ? { description } : {}) });

/** OpenAPI for a service: UI at /api/docs, the document at /api/docs/openapi.json (no token needed). */
export function setupApiDocs(app: INestApplication, title: string, description: string): void {
  const config = new DocumentBuilder()
    .setTitle(title)
    .setDescription(description)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json', yamlDocumentUrl: 'api/docs/openapi.yaml' });
}
