import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
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

/**
 * Bull Board at /queues, for federal coordinators only: the bearer token comes from the
 * Authorization header or the console's session cookie.
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
    const session = cookie(req, SESSION_COOKIE);
    const authorization = req.headers.authorization ?? (session ? `Bearer ${session}` : undefined);
    actors
      .resolve(authorization)
      .then((actor) => {
        if (actor.role !== Role.FEDERAL_COORDINATOR) {
          res.status(403).type('text/plain').send('The queue dashboard is for federal coordinators only.');
          return;
        }
        next();
      })
      .catch(() => {
        res.status(401).type('text/html').send('<p>Sign in on the <a href="/console">console</a> first.</p>');
      });
  };
  app.use('/queues', guard, serverAdapter.getRouter());
}
