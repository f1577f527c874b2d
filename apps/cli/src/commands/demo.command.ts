import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { runMigrations } from '@lib/database';
import { resolveDemoEnvironment } from '../demo/demo-environment';
import { startApp, stopAll, waitForReady, type ManagedProcess } from '../demo/demo-processes';
import { DemoSeeder } from '../seed/demo-seeder';
import { DEMO_PASSWORD, DEMO_USERS } from '../seed/demo-users';
import { withCliContext } from './context';

interface DemoOptions {
  port: string;
  reset?: boolean;
  exitAfterReady?: boolean;
}

/** One command: database (local or embedded), migrations, API + worker, demo dataset. */
async function runDemo(options: DemoOptions): Promise<void> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const environment = await resolveDemoEnvironment({ reset: Boolean(options.reset), log });
  environment.describe.forEach((line) => log(`demo: ${line}`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    DATABASE_URL: environment.databaseUrl,
    QUEUE_BACKEND: environment.queueBackend,
    REDIS_URL: environment.redisUrl ?? '',
    QUEUE_PREFIX: process.env.QUEUE_PREFIX ?? 'cgt-demo',
    JWT_SECRET: process.env.JWT_SECRET ?? environment.secrets.jwtSecret,
    EPISODE_REF_KEY: process.env.EPISODE_REF_KEY ?? environment.secrets.episodeRefKey,
    STORAGE_DIR: process.env.STORAGE_DIR ?? join(environment.varDir, 'claim-files'),
    API_PORT: options.port,
    API_HOST: process.env.API_HOST ?? '127.0.0.1',
  };
  const applied = await runMigrations(environment.databaseUrl);
  log(`demo: migrations ${applied.length ? `applied (${applied.length})` : 'up to date'}`);

  const distDir = resolve(__dirname, '..', '..', '..', '..');
  const processes: ManagedProcess[] = [startApp('worker', env, distDir), startApp('api', env, distDir)];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await stopAll(processes);
    await environment.embedded?.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  for (const p of processes) {
    p.child.once('exit', (code) => {
      if (stopping) return;
      log(`demo: ${p.name} exited with code ${code}`);
      void shutdown(1);
    });
  }
  const base = `http://127.0.0.1:${options.port}`;
  await waitForReady(`${base}/health/ready`, 120_000);
  const seedEnv = { ...env, LOG_LEVEL: 'warn' };
  await withCliContext((context) => context.get(DemoSeeder).seedAccounts(), seedEnv);

  log('');
  log('CGT Access Platform demo is running');
  log(`  Portal:       ${base}/ (sign in with a login below)`);
  log(`  Logins (password "${DEMO_PASSWORD}"):`);
  for (const user of DEMO_USERS)
    log(`    ${user.email.padEnd(36)} ${user.role}${user.stateCode ? ` ${user.stateCode}` : ''}`);
  log(`  Console:      ${base}/console`);
  log(`  GraphQL:      ${base}/graphql`);
  log(`  Queues:       ${base}/queues (coordinators; sign in on the console first)`);
  log(`  Health:       ${base}/health/ready`);
  log('Press Ctrl-C to stop.');
  log('');
  log('demo: the portal works now; the demo dataset is built meanwhile (pages fill in as it goes):');
  const started = Date.now();
  await withCliContext((context) => context.get(DemoSeeder).seedData((line) => log(`demo: ${line}`)), seedEnv);
  log(`demo: dataset ready (${Math.round((Date.now() - started) / 1000)} s)`);
  if (options.exitAfterReady) await shutdown(0);
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Run the whole platform (API + worker) with a demo dataset')
    .option('--port <port>', 'API port', process.env.API_PORT ?? '3000')
    .option('--reset', 'drop and recreate the demo database first')
    .option('--exit-after-ready', 'stop again once everything is up (used by CI)')
    .action((options: DemoOptions) => runDemo(options));
}
