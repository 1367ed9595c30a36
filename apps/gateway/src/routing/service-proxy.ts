import { correlationIdFrom } from '@pledgebook/util';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';

/** Which service answers a path under /api/v1 (the gateway's own routes never reach here). */
export function routeFor(path: string, services: Record<string, string>): string | undefined {
  const segment = /^\/api\/v1\/([^/?]+)/.exec(path)?.[1];
  if (!segment) return undefined;
  if (['pledges', 'bureaus', 'org-units', 'members'].includes(segment)) return services['pledge-service'];
  if (segment === 'reviews') return services['review-service'];
  if (segment === 'appraisals') return services['appraisal-service'];
  if (segment === 'rewards') return services['reward-service'];
  return undefined;
}

/** The gateway answers these itself. */
export const isGatewayRoute = (path: string) => /^\/api\/v1\/auth\//.test(path) || /^\/api\/v1\/bureaus\/[^/]+\/accounts(\/|$|\?)/.test(path);

const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'];

function problem(res: ServerResponse, status: number, code: string, detail: string): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ type: `https://pledgebook.example/problems/${code.replace(/_/g, '-')}`, title: status === 413 ? 'Content Too Large' : status === 404 ? 'Not Found' : 'Bad Gateway', status, detail, code }));
}

/**
 * Express middleware: streams /api/v1/* to the owning service unchanged (no body rewrite),
 * adding X-Correlation-Id and refusing bodies over the limit with 413 while streaming.
 */
export function serviceProxy(services: Record<string, string>, bodyLimit: number) {
  return (req: IncomingMessage & { correlationId?: string }, res: ServerResponse & { locals?: Record<string, unknown> }, next: () => void): void => {
    const path = req.url ?? '/';
    if (!path.startsWith('/api/v1/') || isGatewayRoute(path)) return next();
    const target = routeFor(path, services);
    if (!target) return problem(res, 404, 'not_found', `no service answers ${path.split('?')[0]}`);
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > bodyLimit) {
      req.resume();
      return problem(res, 413, 'body_too_large', 'the body is larger than this endpoint accepts');
    }
    const correlationId = req.correlationId ?? correlationIdFrom(req.headers['x-correlation-id']);
    // Metrics label proxied requests by their first path segment, never the raw path.
    if (res.locals) res.locals.metricsRoute = `proxy /api/v1/${/^\/api\/v1\/([^/?]+)/.exec(path)?.[1] ?? ''}`;
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !HOP_BY_HOP.includes(name)));
    const url = new URL(path, target);
    const upstream = httpRequest(url, { method: req.method, headers: { ...headers, host: url.host, 'x-correlation-id': correlationId, 'x-forwarded-for': req.socket.remoteAddress ?? '' } }, (answer) => {
      const out = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.includes(name)));
      res.writeHead(answer.statusCode ?? 502, { ...out, 'x-correlation-id': correlationId });
      answer.pipe(res);
    });
    upstream.on('error', () => problem(res, 502, 'service_unavailable', 'the service behind this path did not answer'));
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > bodyLimit) {
        upstream.destroy();
        req.unpipe(upstream);
        problem(res, 413, 'body_too_large', 'the body is larger than this endpoint accepts');
      }
    });
    req.pipe(upstream);
  };
}
