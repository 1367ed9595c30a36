import { readModelContract } from '@pledgebook/read-model/testing';
import { newId } from '@pledgebook/util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore } from './open-event-store';
import { openReadModelStore } from './open-read-model-store';
import { describeWithServer } from './testing';

describeWithServer('TEST_MONGODB_URL', 'MongoDB', (url) => {
  const dir = mkdtempSync(join(tmpdir(), 'pledgebook-rm-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const database = `pledgebook_test_${newId().replace(/-/g, '').slice(-12)}`;
  readModelContract('mongodb', {
    open: () => openReadModelStore(url, { database }),
    openEventStore: () => openEventStore(`sqlite:${join(dir, 'eventstore.db')}`),
  });
});
