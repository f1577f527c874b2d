import type { Command } from 'commander';
import { UsersService } from '@lib/auth';
import { Role, systemActor } from '@lib/common';
import { withCliContext } from './context';

export function registerUserCommand(program: Command): void {
  program
    .command('create-user')
    .description('Create a user (e.g. the first federal coordinator of a new installation)')
    .requiredOption('--email <email>')
    .requiredOption('--name <displayName>')
    .requiredOption('--role <role>', Object.values(Role).join(' | '))
    .option('--state <usps>', 'state (STATE_STAFF)')
    .option('--manufacturer <id>', 'manufacturer id (MANUFACTURER_STAFF)')
    .action(async (options: { email: string; name: string; role: string; state?: string; manufacturer?: string }) => {
      if (!Object.values(Role).includes(options.role as Role))
        throw new Error(`--role must be one of ${Object.values(Role).join(', ')}`);
      const password = process.env.NEW_USER_PASSWORD;
      if (!password)
        throw new Error('Set NEW_USER_PASSWORD in the environment (kept out of shell history and process lists)');
      const user = await withCliContext((context) =>
        context.get(UsersService).create(systemActor('cli'), {
          email: options.email,
          displayName: options.name,
          role: options.role as Role,
          password,
          stateCode: options.state ?? null,
          manufacturerId: options.manufacturer ?? null,
        }),
      );
      process.stdout.write(`Created ${user.email} (${user.role}) with id ${user.id}\n`);
    });
}
