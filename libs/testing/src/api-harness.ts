import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { ApiModule } from '../../../apps/api/src/api.module';
import { configureApiApp } from '../../../apps/api/src/configure-api-app';
import { Clock, FixedClock } from '@lib/common';
import type { AppConfig } from '@lib/config';

export interface RunningApi {
  app: NestExpressApplication;
  url: string;
  clock: FixedClock | null;
  close(): Promise<void>;
}

/** The real API (guards, pipes, GraphQL, console) on a random port, against a test database. */
export async function startApi(config: AppConfig, options: { now?: string } = {}): Promise<RunningApi> {
  const clock = options.now ? new FixedClock(new Date(options.now)) : null;
  let builder = Test.createTestingModule({ imports: [ApiModule.forRoot(config)] });
  if (clock) builder = builder.overrideProvider(Clock).useValue(clock);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true });
  configureApiApp(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, clock, close: () => app.close() };
}
