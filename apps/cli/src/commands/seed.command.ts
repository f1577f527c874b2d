import type { Command } from 'commander';
import { DemoSeeder } from '../seed/demo-seeder';
import { withCliContext } from './context';

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('Seed the demo dataset into DATABASE_URL (idempotent; the worker must be running for claim files)')
    .action(async () => {
      await withCliContext((context) =>
        context.get(DemoSeeder).seed((line) => process.stdout.write(`seed: ${line}\n`)),
      );
      process.stdout.write('Demo dataset ready\n');
    });
}
