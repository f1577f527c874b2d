import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Role } from '@lib/common';
import { ActorResolver } from '@lib/auth';
import { ALL_QUEUES, JobQueue } from '@lib/queue';
import { SESSION_COOKIE } from '../console/console.controller';

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
  });
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
