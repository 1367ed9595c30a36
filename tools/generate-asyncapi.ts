// `npm run contracts:asyncapi`: regenerates the checked-in AsyncAPI document from the schemas.
import { ASYNCAPI_FILE, asyncApiDocument } from '@pledgebook/contracts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const target = join(__dirname, '..', 'libs', 'shared', 'contracts', ASYNCAPI_FILE);
writeFileSync(target, asyncApiDocument());
console.log(`written ${target}`);
