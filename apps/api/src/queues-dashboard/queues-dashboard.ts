import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { ErrorCategory, isAppError, Role } from '@lib/common';
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

/**
 * Bull Board at /queues, for federal coordinators only: a bearer token or the session cookie
 * (whose state-changing requests must come from this site, like every cookie-authorized change).
 */
export function mountQueuesDashboard(app: INestApplication): void {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath('/queues');
  const jobs = app.get(JobQueue);
  createBullBoard({
    queues: ALL_QUEUES.map((name) => new BullMQAdapter(jobs.queue(name), { readOnlyMode: false })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'CGT queues', miscLinks: [{ text: 'Console', url: '/console' }] } },
  });
  serverAdapter.setViewsPath(offlineBullBoardViews());
  const actors = app.get(ActorResolver);
  const guard = (req: Request, res: Response, next: NextFunction) => {
    actors
      .resolveRequest(req)
      .then(({ actor }) => {
        if (actor.role !== Role.FEDERAL_COORDINATOR) {
          res.status(403).type('text/plain').send('The queue dashboard is for federal coordinators only.');
          return;
        }
        next();
      })
      .catch((error: unknown) => {
        if (isAppError(error) && error.category === ErrorCategory.FORBIDDEN) {
          res.status(403).type('text/plain').send(error.message);
          return;
        }
        res.status(401).type('text/html').send('<p>Sign in on the <a href="/console">console</a> first.</p>');
      });
  };
  app.use('/queues', guard, serverAdapter.getRouter());
}
