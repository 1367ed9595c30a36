import { readModelContract } from '@pledgebook/read-model/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore } from './open-event-store';
import { openReadModelStore } from './open-read-model-store';

const dir = mkdtempSync(join(tmpdir(), 'pledgebook-rm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

readModelContract('sqlite', {
  open: () => openReadModelStore(`sqlite:${join(dir, 'views.db')}`),
  openEventStore: () => openEventStore(`sqlite:${join(dir, 'eventstore.db')}`),
});
