import 'reflect-metadata';
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
  process.stdout.write(`api: listening on http://${config.api.host}:${config.api.port} (console at /console)\n`);
}

void bootstrap();
