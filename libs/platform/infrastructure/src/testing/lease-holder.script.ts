// A worker that works only while it holds a lease: prints "tick <owner> <ms>" every 10 ms while
// held, "acquired"/"lost" when that changes, and releases the lease on SIGTERM.
import { holdLease, Lease } from '@pledgebook/read-model';
import { openReadModelStore } from '../open-read-model-store';

const [url, name, owner, ttl] = process.argv.slice(2) as [string, string, string, string];

(async () => {
  const views = await openReadModelStore(url);
  const ttlMs = Number(ttl);
  const held = holdLease(new Lease(views, { name, owner, ttlMs }), ttlMs, {
    acquired: () => void process.stdout.write(`acquired ${owner} ${Date.now()}\n`),
    lost: () => void process.stdout.write(`lost ${owner} ${Date.now()}\n`),
  });
  const work = setInterval(() => {
    if (held.isHeld()) process.stdout.write(`tick ${owner} ${Date.now()}\n`);
  }, 10);
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => {
    clearInterval(work);
    void held.stop().then(async () => {
      await views.close();
      process.exit(0);
    });
  });
})();
