import { problem } from '@pledgebook/nest/problem';
import { CORRELATION_HEADER, correlationIdFrom } from '@pledgebook/util';
import { Agent, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';

/** Which service answers a path under /api/v1 (the gateway's own routes never reach here). */
export function routeFor(path: string, services: Record<string, string>): string | undefined {
  const segment = /^\/api\/v1\/([^/?]+)/.exec(path)?.[1];
  if (!segment) return undefined;
  // The printable booklet is the review service's (it holds the approved content and dates).
  if (/^\/api\/v1\/members\/[^/?]+\/booklet(\?|$)/.test(path)) return services['review-service'];
  if (['pledges', 'bureaus', 'org-units', 'members'].includes(segment)) return services['pledge-service'];
  if (segment === 'reviews') return services['review-service'];
  if (segment === 'appraisals') return services['appraisal-service'];
  if (segment === 'rewards' || segment === 'statistics') return services['reward-service'];
  return undefined;
}

/** Routes that take a file (a bureau's directory as CSV or workbook); the services accept 20 times the JSON limit there. */
const FILE_LIMIT_FACTOR = 20;
export const isFileUpload = (path: string) => /^\/api\/v1\/bureaus\/[^/]+\/directory\/import(\?|$)/.test(path);

/** Evidence files (photos, scans) sent to the service that keeps them (ADR 0075); the services' own limit is EVIDENCE_MAX_BYTES. */
export const isEvidenceUpload = (path: string) => /^\/api\/v1\/(pledges\/[^/?]+|appraisals\/bureaus\/[^/?]+)\/evidence(\?|$)/.test(path);

/** The gateway answers these itself. */
export const isGatewayRoute = (path: string) =>
  /^\/api\/v1\/auth\//.test(path) || /^\/api\/v1\/bureaus\/[^/]+\/accounts(\/|$|\?)/.test(path) || /^\/api\/v1\/(audit|subscriptions|bureau-tree|me)(\/|$|\?)/.test(path);

const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'];

function answerProblem(res: ServerResponse, path: string, status: number, code: string, detail: string): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ ...problem(status, code, detail), instance: path }));
}

export interface ProxyObservers {
  /** Called once the answer is sent (metrics, the request's log line). */
  finished(info: { method: string; route: string; status: number; seconds: number; correlationId: string; url: string }): void;
}

export interface ProxyOptions {
  /** Largest body accepted; a directory file (CSV or workbook) may be 20 times larger, as the service accepts. */
  bodyLimit: number;
  /** Largest evidence file accepted (the services' EVIDENCE_MAX_BYTES); 20 times the body limit when left out. */
  evidenceLimit?: number;
  /** Security headers added to every answer. */
  headers: Record<string, string>;
  /** A service that has not answered completely by then gets its request aborted: 504. */
  upstreamTimeoutMs: number;
}

/** Appends this hop to X-Forwarded-For and keeps what proxies before us said of the original request. */
export function forwardedHeaders(req: IncomingMessage): Record<string, string> {
  const remote = req.socket.remoteAddress ?? '';
  const prior = req.headers['x-forwarded-for'];
  const chain = [...(Array.isArray(prior) ? prior : prior ? [prior] : []), remote].filter((x) => x.length > 0).join(', ');
  const proto = req.headers['x-forwarded-proto'];
  const host = req.headers['x-forwarded-host'] ?? req.headers.host;
  return {
    'x-forwarded-for': chain,
    'x-forwarded-proto': typeof proto === 'string' && proto ? proto : (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http',
    ...(typeof host === 'string' && host ? { 'x-forwarded-host': host } : {}),
  };
}

/** Kept-alive connections to the services, reused most-recent-first. */
const agent = new Agent({ keepAlive: true, maxSockets: 256, scheduling: 'lifo' });

/**
 * Streams /api/v1/* to the owning service unchanged (no body rewrite), before Express sees the
 * request: adds X-Correlation-Id and the security headers, refuses bodies over the limit with 413
 * while streaming. Returns false for what the gateway answers itself.
 */
export function serviceProxy(services: Record<string, string>, options: ProxyOptions, observers: ProxyObservers) {
  const { headers, upstreamTimeoutMs } = options;
  const targets = new Map(Object.values(services).map((base) => [base, new URL(base)]));
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = req.url ?? '/';
    if (!path.startsWith('/api/v1/') || isGatewayRoute(path)) return false;
    const started = process.hrtime.bigint();
    const correlationId = correlationIdFrom(req.headers[CORRELATION_HEADER]);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.setHeader('X-Correlation-Id', correlationId);
    const route = `proxy /api/v1/${/^\/api\/v1\/([^/?]+)/.exec(path)?.[1] ?? ''}`;
    res.once('finish', () =>
      observers.finished({ method: req.method ?? 'GET', route, status: res.statusCode, seconds: Number(process.hrtime.bigint() - started) / 1e9, correlationId, url: path }),
    );
    const base = routeFor(path, services);
    const target = base ? targets.get(base) : undefined;
    if (!target) {
      req.resume();
      answerProblem(res, path, 404, 'not_found', `no service answers ${path.split('?')[0]}`);
      return true;
    }
    const bodyLimit = isEvidenceUpload(path) ? (options.evidenceLimit ?? options.bodyLimit * FILE_LIMIT_FACTOR) : isFileUpload(path) ? options.bodyLimit * FILE_LIMIT_FACTOR : options.bodyLimit;
    if (Number(req.headers['content-length'] ?? 0) > bodyLimit) {
      req.resume();
      answerProblem(res, path, 413, 'body_too_large', 'the body is larger than this endpoint accepts');
      return true;
    }
    const forwarded: Record<string, string | string[] | undefined> = {};
    for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.includes(name)) forwarded[name] = value;
    forwarded.host = target.host;
    forwarded[CORRELATION_HEADER] = correlationId;
    Object.assign(forwarded, forwardedHeaders(req));
    let timedOut = false;
    const upstream = httpRequest({ protocol: target.protocol, hostname: target.hostname, port: target.port, path, method: req.method, headers: forwarded, agent }, (answer) => {
      const out: Record<string, string | string[] | undefined> = {};
      for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.includes(name)) out[name] = value;
      res.writeHead(answer.statusCode ?? 502, out);
      answer.pipe(res);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      upstream.destroy();
    }, upstreamTimeoutMs);
    upstream.on('error', () => {
      if (timedOut) answerProblem(res, path, 504, 'service_timeout', `the service behind this path did not answer within ${upstreamTimeoutMs} ms`);
      else answerProblem(res, path, 502, 'service_unavailable', 'the service behind this path did not answer');
    });
    // The client went away before its answer was complete: stop the service's work on it.
    res.once('close', () => {
      clearTimeout(timer);
      if (!res.writableFinished) upstream.destroy();
    });
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > bodyLimit) {
        upstream.destroy();
        req.unpipe(upstream);
        answerProblem(res, path, 413, 'body_too_large', 'the body is larger than this endpoint accepts');
      }
    });
    req.pipe(upstream);
    return true;
  };
}
