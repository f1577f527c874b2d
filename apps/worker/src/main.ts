import 'reflect-metadata';
import { safeErrorMessage } from '@lib/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfigOrExit } from '@lib/config';
import { WorkerModule } from './worker.module';

/**
 * The worker boots without an HTTP server. On SIGTERM Nest closes the BullMQ workers, which
 * let the running job finish; a job cut off by SIGKILL is picked up again as stalled.
 */
async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit('worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.init();
  process.stdout.write(`worker: ready (queue backend ${config.queue.backend})\n`);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`worker: failed to start: ${safeErrorMessage(error)}\n`);
  process.exit(1);
});
