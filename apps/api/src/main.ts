import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfigOrExit } from '@lib/config';
import { ApiModule } from './api.module';
import { configureApiApp } from './configure-api-app';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit('api');
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), { bufferLogs: true });
  configureApiApp(app);
  await app.listen(config.api.port, config.api.host);
  // The bound port (API_PORT=0 picks a free one).
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.stdout.write(`api: listening on http://${config.api.host}:${port} (console at /console)\n`);
}

void bootstrap();
