import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { loadConfig, type AppConfig } from '@lib/config';
import { CliModule } from '../cli.module';

/** Runs `fn` inside the CLI's application context (real services, real database). */
export async function withCliContext<T>(
  fn: (context: INestApplicationContext, config: AppConfig) => Promise<T>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<T> {
  const config = loadConfig(env);
  const context = await NestFactory.createApplicationContext(CliModule.forRoot(config), { bufferLogs: true });
  context.useLogger(context.get(Logger));
  try {
    return await fn(context, config);
  } finally {
    await context.close();
  }
}
