import { buildAsyncApi } from './asyncapi';
import { EVENT_CATALOG } from './catalog';
import { ALL_TOPICS } from './topics';

export const ASYNCAPI_FILE = 'asyncapi.json';

/** The document as checked in at libs/shared/contracts/asyncapi.json. */
export function asyncApiDocument(): string {
  return `${JSON.stringify(buildAsyncApi(EVENT_CATALOG, '1.0.0', ALL_TOPICS, { outside: true }), null, 2)}\n`;
}
