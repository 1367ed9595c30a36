import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { AllowList } from './allow-list';

export interface SendResult {
  ok: boolean;
  /** The receiver's status, when it answered. */
  status?: number;
  latencyMs: number;
  error?: string;
  /** 410 Gone: the receiver wants no more. */
  gone?: boolean;
  /** From a Retry-After header (429, 503). */
  retryAfterMs?: number;
}

export interface SenderOptions {
  /** The whole attempt (connect, send, answer) must finish within this long. */
  timeoutMs: number;
  userAgent?: string;
}

/** Connection errors name the address the sender refused, so the attempt log says why. */
class AddressRefused extends Error {}

function retryAfter(res: IncomingMessage): number | undefined {
  const value = res.headers['retry-after'];
  if (typeof value !== 'string') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * POSTs one webhook. Never follows a redirect (a 3xx is a failure, as Standard Webhooks asks);
 * gives up after the timeout; and connects only to addresses the allow-list admits — the check
 * runs on the addresses DNS returned, inside the connection's own lookup, so a name that
 * resolves into an internal network is refused before any connection is made.
 */
export class WebhookSender {
  private readonly lookup: LookupFunction;
  private readonly http: HttpAgent;
  private readonly https: HttpsAgent;

  constructor(
    private readonly allowList: AllowList,
    private readonly options: SenderOptions,
  ) {
    this.lookup = ((hostname: string, opts: { all?: boolean; family?: number }, callback: (...args: unknown[]) => void) => {
      dnsLookup(hostname, { all: true, family: opts.family ?? 0 }, (error, addresses: LookupAddress[]) => {
        if (error) return callback(error);
        const refused = addresses.find((a) => !this.allowList.addressAllowed(a.address));
        if (refused || addresses.length === 0) return callback(new AddressRefused(`${hostname} resolves to ${refused?.address ?? 'no address'}, which the webhook allow-list does not admit`));
        if (opts.all) return callback(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      });
    }) as unknown as LookupFunction;
    this.http = new HttpAgent({ keepAlive: true, maxSockets: 16, lookup: this.lookup } as ConstructorParameters<typeof HttpAgent>[0]);
    this.https = new HttpsAgent({ keepAlive: true, maxSockets: 16, lookup: this.lookup } as ConstructorParameters<typeof HttpsAgent>[0]);
  }

  send(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    const started = performance.now();
    const latency = () => Math.round((performance.now() - started) * 10) / 10;
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return Promise.resolve({ ok: false, latencyMs: 0, error: 'the target is not a URL' });
    }
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (!this.allowList.hostAllowed(host) || (isIP(host) && !this.allowList.addressAllowed(host))) {
      return Promise.resolve({ ok: false, latencyMs: 0, error: `${host} is not on the webhook allow-list` });
    }
    const secure = target.protocol === 'https:';
    const request = secure ? httpsRequest : httpRequest;
    return new Promise<SendResult>((resolve) => {
      let settled = false;
      const finish = (result: SendResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const req = request(
        target,
        {
          method: 'POST',
          agent: secure ? this.https : this.http,
          lookup: this.lookup,
          headers: {
            ...headers,
            'content-type': 'application/cloudevents+json; charset=utf-8',
            'content-length': String(Buffer.byteLength(body)),
            'user-agent': this.options.userAgent ?? 'Pledgebook-Webhooks/1',
          },
        },
        (res) => {
          const status = res.statusCode ?? 0;
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            if (text.length < 500) text += chunk;
          });
          res.on('error', (error) => finish({ ok: false, status, latencyMs: latency(), error: error.message }));
          res.on('end', () => {
            if (status >= 200 && status < 300) return finish({ ok: true, status, latencyMs: latency() });
            const why =
              status >= 300 && status < 400
                ? `answered ${status}${res.headers.location ? ` (to ${String(res.headers.location).slice(0, 200)})` : ''}; redirects are not followed`
                : `answered ${status}${text.trim() ? `: ${text.trim().slice(0, 200)}` : ''}`;
            const wait = status === 429 || status === 503 ? retryAfter(res) : undefined;
            finish({ ok: false, status, latencyMs: latency(), error: why, ...(status === 410 ? { gone: true } : {}), ...(wait !== undefined ? { retryAfterMs: wait } : {}) });
          });
        },
      );
      const timer = setTimeout(() => {
        finish({ ok: false, latencyMs: latency(), error: `no answer within ${this.options.timeoutMs} ms` });
        req.destroy();
      }, this.options.timeoutMs);
      req.on('error', (error) => finish({ ok: false, latencyMs: latency(), error: error instanceof AddressRefused ? error.message : `could not deliver: ${error.message}` }));
      req.end(body);
    });
  }

  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}
