import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, loadConfig } from '@lib/config';
import { ApiModule } from './api.module';
import { configureApiApp } from './configure-api-app';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`api: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), { bufferLogs: true });
  configureApiApp(app);
  await app.listen(config.api.port, config.api.host);
  process.stdout.write(`api: listening on http://${config.api.host}:${config.api.port} (console at /console)\n`);
}

void bootstrap();
