import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { AllowList } from './allow-list';

/** CloudEvents structured mode over HTTP, as the AsyncAPI document's `WebhookHeaders` describe it. */
export const WEBHOOK_CONTENT_TYPE = 'application/cloudevents+json; charset=utf-8';
/** CloudEvents batched mode over HTTP: a JSON array of events (`WebhookBatchHeaders`). */
export const WEBHOOK_BATCH_CONTENT_TYPE = 'application/cloudevents-batch+json; charset=utf-8';

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

/** A target URL taken apart once: the request options it needs, or why it may not be sent to. */
type Target = { secure: boolean; options: RequestOptions } | { refused: string };

/** Targets remembered (their number follows the subscriptions'); past this many the memory starts again. */
const TARGETS_KEPT = 10_000;

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
  private readonly targets = new Map<string, Target>();

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

  /** `body` as bytes goes out as it is; as a string, UTF-8 encoded. */
  send(url: string, headers: Record<string, string>, body: string | Uint8Array, contentType = WEBHOOK_CONTENT_TYPE): Promise<SendResult> {
    const started = performance.now();
    const latency = () => Math.round((performance.now() - started) * 10) / 10;
    const target = this.target(url);
    if ('refused' in target) return Promise.resolve({ ok: false, latencyMs: 0, error: target.refused });
    const request = target.secure ? httpsRequest : httpRequest;
    return new Promise<SendResult>((resolve) => {
      let settled = false;
      const finish = (result: SendResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const req = request(
        {
          ...target.options,
          headers: {
            ...headers,
            'content-type': contentType,
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

  /**
   * The target's request options, or why it is refused: its host must be on the allow-list (and an
   * address written in the URL must be admitted too). Decided once per URL — the list is a setting
   * and does not change while the process runs; the addresses a name resolves to are checked on
   * every connection, in the lookup.
   */
  private target(url: string): Target {
    let target = this.targets.get(url);
    if (target) return target;
    target = this.parse(url);
    if (this.targets.size >= TARGETS_KEPT) this.targets.clear();
    this.targets.set(url, target);
    return target;
  }

  private parse(url: string): Target {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { refused: 'the target is not a URL' };
    }
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    if (!this.allowList.hostAllowed(host) || (isIP(host) && !this.allowList.addressAllowed(host))) return { refused: `${host} is not on the webhook allow-list` };
    const secure = parsed.protocol === 'https:';
    return {
      secure,
      options: {
        protocol: parsed.protocol,
        hostname: parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname,
        ...(parsed.port ? { port: Number(parsed.port) } : {}),
        path: `${parsed.pathname}${parsed.search}`,
        method: 'POST',
        agent: secure ? this.https : this.http,
        lookup: this.lookup,
      },
    };
  }

  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}
