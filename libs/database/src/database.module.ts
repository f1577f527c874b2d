import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@lib/config';
import { databaseOptions } from './data-source-options';

/** The apps that connect. */
export type DatabaseApp = 'api' | 'worker' | 'cli';

/** How an app's sessions are named in pg_stat_activity. */
export function databaseApplicationName(app: DatabaseApp): string {
  return `cgt-${app}`;
}

/** TypeORM on Postgres for the apps; entities register themselves with forFeature. */
@Module({})
export class DatabaseModule {
  static forApp(app: DatabaseApp): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...databaseOptions(config.database.url, databaseApplicationName(app)),
            autoLoadEntities: true,
          }),
        }),
      ],
    };
  }
}
