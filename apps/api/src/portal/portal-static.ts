import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger, type INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AppConfig } from '@lib/config';

/**
 * The portal's policy: everything from this origin only (no inline script, no CDN, no outside
 * host). Recharts and React set styles through the DOM (CSSOM), which style-src does not govern.
 */
export const PORTAL_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Paths the API owns: never answered with the portal page. */
const API_PREFIXES = ['/graphql', '/v1', '/console', '/queues', '/health', '/assets'];

/** True when a GET is a portal page address (the single-page app routes in the browser). */
export function isPortalRoute(path: string): boolean {
  if (API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return false;
  // A dotted last segment is a file (favicon.ico, robots.txt), not a page.
  return !/\.[A-Za-z0-9]+$/.test(path);
}

/**
 * Serves the built portal (PORTAL_DIR, `npm run build` writes dist/portal) on the API's origin:
 * hashed assets under /assets (cached for a year), and index.html for every portal route so a
 * reload or a shared link opens the page. Without a build the API runs as before (and says so).
 */
export function mountPortal(app: INestApplication): void {
  const { portalDir } = app.get(AppConfig);
  const indexFile = join(portalDir, 'index.html');
  if (!existsSync(indexFile)) {
    new Logger('Portal').warn(`No portal build at ${portalDir} (npm run build makes one): / is not served`);
    return;
  }
  const indexHtml = readFileSync(indexFile);
  app.use(
    '/assets',
    express.static(join(portalDir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: false,
      setHeaders: (res) => res.setHeader('X-Content-Type-Options', 'nosniff'),
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !isPortalRoute(req.path)) {
      next();
      return;
    }
    res.setHeader('Content-Security-Policy', PORTAL_CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(indexHtml);
  });
}
