import 'reflect-metadata';
import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfigOrExit, type AppConfig } from '@lib/config';
import { ApiModule } from './api.module';
import { configureApiApp } from './configure-api-app';

async function bootstrap(config: AppConfig): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), { bufferLogs: true });
  configureApiApp(app);
  await app.listen(config.api.port, config.api.host);
  // The bound port (API_PORT=0 picks a free one).
  const { port } = app.getHttpServer().address() as AddressInfo;
  const who = cluster.isWorker ? ` (process ${cluster.worker?.id})` : '';
  process.stdout.write(`api: listening on http://${config.api.host}:${port}${who} (console at /console)\n`);
}

/**
 * API_PROCESSES > 1 (or 0: one per core) runs that many API processes on one port with Node's
 * cluster module (fast reads under load): the primary only forks and replaces a process that dies.
 * Nothing is shared in memory: sessions and sign-in throttles live in Postgres, DataLoaders are per
 * request.
 */
function start(): void {
  const config = loadConfigOrExit('api');
  const processes = config.api.processes === 0 ? availableParallelism() : config.api.processes;
  if (processes <= 1 || !cluster.isPrimary) {
    void bootstrap(config);
    return;
  }
  if (config.api.port === 0) {
    process.stderr.write('api: API_PROCESSES > 1 needs a fixed API_PORT\n');
    process.exit(1);
  }
  let stopping = false;
  for (let i = 0; i < processes; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    process.stderr.write(`api: process ${worker.id} exited (${signal ?? code}); starting another\n`);
    cluster.fork();
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      setTimeout(() => process.exit(0), 10_000).unref();
      cluster.on('exit', () => {
        if (!Object.values(cluster.workers ?? {}).some((w) => w && !w.isDead())) process.exit(0);
      });
    });
  }
}

start();
