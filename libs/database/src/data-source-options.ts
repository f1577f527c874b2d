import { types } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '@migrations';
import { SafeQueryLogger } from './safe-query-logger';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// Business dates stay `YYYY-MM-DD` text (no time-zone shifts); numerics stay text for decimal.js.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

/**
 * Settings of every session the platform opens (pg's `options`, sent when it connects), the
 * TypeORM pools' and the claim staging COPYs':
 * - No JIT compilation. The claim loads' statements over the 57 partitions of
 *   claim_version_digest get cost estimates (a family's digest range) far above the real work, and
 *   PostgreSQL then spent 1.7 s compiling and optimising 238 functions for a join that runs in
 *   0.3 s, on every file. The API's reads are short indexed queries, where compiling would cost
 *   more than it saves (bench:api with it off: computed statementsWithBalances 192 req/s at 50
 *   clients, 151 in the README's earlier run).
 * - A backend whose client has gone (a worker killed in the middle of a file) notices within a
 *   second and stops the statement it runs (`client_connection_check_interval`, PostgreSQL 14 and
 *   later). Otherwise it finishes that statement for nobody, seconds at 10M records, holding the
 *   state's lock and the submission's rows while the retry starts.
 */
export const SESSION_OPTIONS = '-c jit=off -c client_connection_check_interval=1000';

/**
 * The one options object shared by the apps, the CLI and the tests. `synchronize` is never on:
 * schema changes only through the reviewed migrations in `migrations/`.
 */
export function databaseOptions(url: string, applicationName = 'cgt-platform'): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    applicationName,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    // Never TypeORM's own loggers: they print failed statements with their parameters (PHI).
    logger: new SafeQueryLogger(),
    logging: ['error', 'warn', 'migration'],
    extra: { max: 10, options: SESSION_OPTIONS },
  };
}

/** A bare data source for migrations and operator commands (no entities needed). */
export function createMigrationDataSource(url: string): DataSource {
  return new DataSource(databaseOptions(url, 'cgt-migrate'));
}

export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = await createMigrationDataSource(url).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/** Reverts every applied migration, newest first (used by the up/down/up test). */
export async function revertAllMigrations(url: string): Promise<number> {
  const dataSource = await createMigrationDataSource(url).initialize();
  let reverted = 0;
  try {
    const appliedCount = async () =>
      (await dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM schema_migration'))[0]?.n ?? 0;
    while ((await appliedCount()) > 0) {
      await dataSource.undoLastMigration({ transaction: 'each' });
      reverted += 1;
    }
    return reverted;
  } finally {
    await dataSource.destroy();
  }
}

/** Names of migrations in the code that the database has not applied yet. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const rows = await dataSource
    .query<{ name: string }[]>('SELECT name FROM schema_migration')
    .catch((): { name: string }[] => []);
  const applied = new Set(rows.map((r) => r.name));
  return MIGRATIONS.map((m) => m.name).filter((name) => !applied.has(name));
}
