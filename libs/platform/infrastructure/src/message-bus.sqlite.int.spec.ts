import { messageBusContract } from '@pledgebook/message-bus/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messageBusHarness } from './testing';

const dir = mkdtempSync(join(tmpdir(), 'pledgebook-bus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

messageBusContract('sqlite', messageBusHarness(`sqlite:${join(dir, 'bus.db')}`));
