import express from 'express';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';

/** Paths that belong to the APIs and the processes' own endpoints: never answered by the console. */
const NOT_CONSOLE = /^\/(api|health|metrics|\.well-known)(\/|$)/;

/**
 * Anything that loads in the console: its own files, styles injected by the component library,
 * calls to this origin only; no framing, no plug-ins.
 */
const CONSOLE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the built web console (`dir`, Vite's output) at `/`: hashed assets cached for good,
 * every other path without a file extension answered with index.html (the console's router
 * takes it from there). Handles GET and HEAD outside the API paths only; returns false for
 * everything else, and for everything while no build exists.
 */
export function consoleStatic(dir: string, headers: Readonly<Record<string, string>>): (req: IncomingMessage, res: ServerResponse) => boolean {
  const index = join(dir, 'index.html');
  const files = express.static(dir, {
    index: false,
    fallthrough: true,
    setHeaders: (res, path) => res.setHeader('Cache-Control', path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = (req.url ?? '/').split('?')[0]!;
    if (NOT_CONSOLE.test(path) || !existsSync(index)) return false;
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.setHeader('Content-Security-Policy', CONSOLE_POLICY);
    const fallback = () => {
      if (extname(path) !== '') {
        res.statusCode = 404;
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.end('not found');
        return;
      }
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      express.static(dir, { index: false })(Object.assign(req, { url: '/index.html' }) as never, res as never, () => {
        res.statusCode = 404;
        res.end();
      });
    };
    files(req as never, res as never, fallback);
    return true;
  };
}
