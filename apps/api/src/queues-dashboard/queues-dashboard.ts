import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response, Router } from 'express';
import { ErrorCategory, isAppError, lazily, Role } from '@lib/common';
import { ActorResolver } from '@lib/auth';
import { ALL_QUEUES, JobQueue } from '@lib/queue';

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

/** Methods that change nothing; everything else on Bull Board's API acts on the queues. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Bull Board's modules (some 200), loaded on the first request that needs a board. */
async function loadBullBoard() {
  const [api, adapter, express] = await Promise.all([
    import('@bull-board/api'),
    import('@bull-board/api/bullMQAdapter'),
    import('@bull-board/express'),
  ]);
  return {
    createBullBoard: api.createBullBoard,
    BullMQAdapter: adapter.BullMQAdapter,
    ExpressAdapter: express.ExpressAdapter,
  };
}

/** One Bull Board over every queue; read-only hides its actions and refuses them server-side. */
function board(
  app: INestApplication,
  { createBullBoard, BullMQAdapter, ExpressAdapter }: Awaited<ReturnType<typeof loadBullBoard>>,
  readOnlyMode: boolean,
  views: string,
): Router {
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
 * Bull Board at /queues (README "Security": queue dashboard): federal coordinators may act on the
 * queues (retry, pause, clean), auditors only look (a read-only board, and every other method
 * refused); other roles are refused, since jobs name other tenants' submissions. A state-changing
 * request must also come from this host's own pages (ActorResolver.checkOrigin). The bearer token
 * comes from the Authorization header or the console's session cookie.
 */
export function mountQueuesDashboard(app: INestApplication): void {
  const actors = app.get(ActorResolver);
  // Both boards are built on the first request of a coordinator or an auditor.
  const boards = lazily(async () => {
    const modules = await loadBullBoard();
    const views = offlineBullBoardViews();
    return { readWrite: board(app, modules, false, views), readOnly: board(app, modules, true, views) };
  });
  const refuse = (res: Response, message: string) => res.status(403).type('text/plain').send(message);
  const serve = (which: 'readWrite' | 'readOnly', req: Request, res: Response, next: NextFunction) =>
    boards().then((loaded) => loaded[which](req, res, next), next);
  const guard = (req: Request, res: Response, next: NextFunction) => {
    actors
      .resolveRequest(req)
      .then(({ actor }) => {
        const acting = !SAFE_METHODS.has(req.method);
        if (actor.role === Role.FEDERAL_COORDINATOR) {
          // The same site rule as cookie-authorized changes, for bearer tokens too (throws FORBIDDEN).
          if (acting) actors.checkOrigin(req, 'cookie');
          void serve('readWrite', req, res, next);
        } else if (actor.role === Role.AUDITOR) {
          if (acting) {
            refuse(res, 'The queue dashboard is read-only for auditors.');
            return;
          }
          void serve('readOnly', req, res, next);
        } else {
          refuse(res, 'The queue dashboard is for federal coordinators (and, read-only, auditors).');
        }
      })
      .catch((error: unknown) => {
        if (isAppError(error) && error.category === ErrorCategory.FORBIDDEN) {
          res.status(403).type('text/plain').send(error.message);
          return;
        }
        res.status(401).type('text/html').send('<p>Sign in on the <a href="/console">console</a> first.</p>');
      });
  };
  app.use('/queues', guard);
}
