import type { Command } from 'commander';
import { createMigrationDataSource, pendingMigrations, revertAllMigrations, runMigrations } from '@lib/database';

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error('DATABASE_URL is missing or not a postgres:// URL (it names the database to migrate)');
  }
  return url;
}

/** Schema changes only through this explicit command (never on boot). */
export function registerMigrateCommand(program: Command): void {
  const migrate = program
    .command('migrate')
    .description('Apply, inspect or revert database migrations (uses DATABASE_URL)');
  migrate
    .command('run', { isDefault: true })
    .description('Apply every pending migration')
    .action(async () => {
      const applied = await runMigrations(databaseUrl());
      process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date\n');
    });
  migrate
    .command('status')
    .description('List pending migrations')
    .action(async () => {
      const dataSource = await createMigrationDataSource(databaseUrl()).initialize();
      try {
        const pending = await pendingMigrations(dataSource);
        process.stdout.write(pending.length ? `Pending: ${pending.join(', ')}\n` : 'Database is up to date\n');
      } finally {
        await dataSource.destroy();
      }
    });
  migrate
    .command('revert-all')
    .description('Revert every migration (destroys all data; for development databases only)')
    .requiredOption('--yes-destroy-all-data', 'confirm')
    .action(async () => {
      const reverted = await revertAllMigrations(databaseUrl());
      process.stdout.write(`Reverted ${reverted} migration(s)\n`);
    });
}
