import type { Server } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { ActorResolver } from '@lib/auth';
import { Clock, requestContextMiddleware, sqlStatementCountMiddleware } from '@lib/common';
import { AppConfig } from '@lib/config';
import { ReadCache } from './graphql/read-cache/read-cache';
import { readCacheHits } from './graphql/read-cache/read-cache.middleware';
import { mountPortal } from './portal/portal-static';
import { mountQueuesDashboard } from './queues-dashboard/queues-dashboard';

/** Everything main.ts does to the app besides listening; tests reuse it. */
export function configureApiApp(app: NestExpressApplication): NestExpressApplication {
  app.useLogger(app.get(Logger));
  app.use(requestContextMiddleware);
  if (app.get(AppConfig).api.sqlCountHeader) app.use(sqlStatementCountMiddleware);
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // GraphQL bodies carry small files inline as base64 (claim files, dispute documents: 5 MB
  // each decoded, about 6.7 MB encoded); Express' default JSON limit (100 kB) would refuse them.
  app.useBodyParser('json', { limit: '8mb' });
  // Repeats of cacheable queries are answered here, before Apollo (docs/architecture.md, "Read cache").
  const readCache = app.get(ReadCache);
  if (readCache.enabled) app.use(readCacheHits(readCache, app.get(ActorResolver), app.get(Clock)));
  app.enableShutdownHooks();
  mountQueuesDashboard(app);
  mountPortal(app);
  // Claim files of several GB stream in for longer than Node's default 5-minute request timeout;
  // headers must still arrive within headersTimeout.
  const server: Server = app.getHttpServer();
  server.requestTimeout = 0;
  return app;
}
