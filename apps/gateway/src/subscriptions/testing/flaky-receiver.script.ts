// A webhook receiver in its own process for the reliability tests: it verifies each delivery with
// the Standard Webhooks library, appends the id of every verified event to a file (before
// answering, so a delivery the sender times out on still counts as received), and answers as the
// mode file says: `ok`, `fail` (500), or `flaky` (slow, and now and then 500 or too slow).
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';

const [port, secretFile, outFile, modeFile] = process.argv.slice(2) as [string, string, string, string];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c: string) => (body += c));
  req.on('end', async () => {
    const mode = existsSync(modeFile) ? readFileSync(modeFile, 'utf8').trim() : 'ok';
    const secrets = existsSync(secretFile) ? readFileSync(secretFile, 'utf8').split('\n').filter(Boolean) : [];
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const verified = secrets.some((secret) => {
      try {
        new Webhook(secret).verify(body, headers);
        return true;
      } catch {
        return false;
      }
    });
    if (!verified) return void res.writeHead(401).end('signature not valid');
    // A batch (CloudEvents batched mode) counts as each of its events, in order.
    const ids = String(headers['content-type']).startsWith('application/cloudevents-batch+json') ? (JSON.parse(body) as Array<{ id: string }>).map((e) => e.id) : [headers['webhook-id']!];
    const record = () => appendFileSync(outFile, ids.map((id) => `${id}\n`).join(''));
    if (mode === 'fail') return void res.writeHead(500).end('down for maintenance');
    if (mode === 'flaky') {
      const roll = Math.random();
      if (roll < 0.06) return void res.writeHead(500).end('flaky');
      record();
      // Now and then slower than the sender waits: received here, a failure there (a duplicate follows).
      await sleep(roll < 0.09 ? 1_500 : 5 + Math.floor(Math.random() * 60));
      return void res.writeHead(204).end();
    }
    record();
    res.writeHead(204).end();
  });
}).listen(Number(port), '127.0.0.1', () => process.stdout.write('listening\n'));
