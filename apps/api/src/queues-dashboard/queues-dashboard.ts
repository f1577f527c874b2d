import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response, Router } from 'express';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Role } from '@lib/common';
import { ActorResolver } from '@lib/auth';
import { ALL_QUEUES, JobQueue } from '@lib/queue';
import { SESSION_COOKIE } from '../console/console.controller';

/**
 * Bull Board's page links a Google Fonts stylesheet; government networks are closed, so serve a
 * copy of its template without it (the UI falls back to system fonts). Everything else it loads
 * comes from /queues/static on this host.
 */
function offlineBullBoardViews(): string {
  const template = join(dirname(require.resolve('@bull-board/ui/package.json')), 'dist', 'index.ejs');
  const views = mkdtempSync(join(tmpdir(), 'cgt-bull-board-'));
  const html = readFileSync(template, 'utf8').replace(/<link[^>]+fonts\.googleapis\.com[^>]*>/g, '');
  writeFileSync(join(views, 'index.ejs'), html);
  return views;
}

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** Methods that change nothing; everything else on Bull Board's API acts on the queues. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A state-changing request must come from a page of this host (CSRF: the session cookie is sent
 * by the browser wherever the request starts): its Origin, or failing that its Referer, must be
 * this API's own origin.
 */
export function isSameOrigin(req: Request): boolean {
  const own = `${req.protocol}://${req.get('host') ?? ''}`;
  const claimed = req.get('origin') ?? req.get('referer');
  if (!claimed) return false;
  try {
    return new URL(claimed).origin === own;
  } catch {
    return false;
  }
}

/** One Bull Board over every queue; read-only hides its actions and refuses them server-side. */
function board(app: INestApplication, readOnlyMode: boolean, views: string): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath('/queues');
  const jobs = app.get(JobQueue);
  createBullBoard({
    queues: ALL_QUEUES.map((name) => new BullMQAdapter(jobs.queue(name), { readOnlyMode })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'CGT queues', miscLinks: [{ text: 'Console', url: '/console' }] } },
  });
  serverAdapter.setViewsPath(views);
  return serverAdapter.getRouter() as Router;
}

/**
 * Bull Board at /queues (issue 12 finding 9): federal coordinators may act on the queues (retry,
 * pause, clean), auditors only look (a read-only board, and every other method refused); other
 * roles are refused, since jobs name other tenants' submissions. A state-changing request must
 * also come from this host's own pages (isSameOrigin). The bearer token comes from the
 * Authorization header or the console's session cookie.
 */
export function mountQueuesDashboard(app: INestApplication): void {
  const views = offlineBullBoardViews();
  const readWrite = board(app, false, views);
  const readOnly = board(app, true, views);
  const actors = app.get(ActorResolver);
  const refuse = (res: Response, message: string) => res.status(403).type('text/plain').send(message);
  const guard = (req: Request, res: Response, next: NextFunction) => {
    const session = cookie(req, SESSION_COOKIE);
    const authorization = req.headers.authorization ?? (session ? `Bearer ${session}` : undefined);
    actors
      .resolve(authorization)
      .then((actor) => {
        const acting = !SAFE_METHODS.has(req.method);
        if (actor.role === Role.FEDERAL_COORDINATOR) {
          if (acting && !isSameOrigin(req)) {
            refuse(res, 'Queue actions are accepted only from the queue dashboard of this host (Origin check).');
            return;
          }
          readWrite(req, res, next);
        } else if (actor.role === Role.AUDITOR) {
          if (acting) {
            refuse(res, 'The queue dashboard is read-only for auditors.');
            return;
          }
          readOnly(req, res, next);
        } else {
          refuse(res, 'The queue dashboard is for federal coordinators (and, read-only, auditors).');
        }
      })
      .catch(() => {
        res.status(401).type('text/html').send('<p>Sign in on the <a href="/console">console</a> first.</p>');
      });
  };
  app.use('/queues', guard);
}
