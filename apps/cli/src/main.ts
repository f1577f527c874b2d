import 'reflect-metadata';
import { safeErrorMessage } from '@lib/common';
import { Command } from 'commander';
import { registerDemoCommand } from './commands/demo.command';
import { registerMigrateCommand } from './commands/migrate.command';
import { registerSeedCommand } from './commands/seed.command';
import { registerStatementCommand } from './commands/statement.command';
import { registerSubmitCommand } from './commands/submit.command';
import { registerUserCommand } from './commands/user.command';
import { registerYearCommand } from './commands/year.command';

const program = new Command('cgt').description('CGT Access Platform operator commands');
registerMigrateCommand(program);
registerSeedCommand(program);
registerUserCommand(program);
registerDemoCommand(program);
registerSubmitCommand(program);
registerStatementCommand(program);
registerYearCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`cgt: ${safeErrorMessage(error)}\n`);
  process.exit(1);
});
