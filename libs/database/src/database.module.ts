import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@lib/config';
import { databaseOptions } from './data-source-options';

/** The apps that connect; each one's sessions are named `cgt-<app>` in pg_stat_activity. */
export type DatabaseApp = 'api' | 'worker' | 'cli';

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
            ...databaseOptions(config.database.url, `cgt-${app}`),
            autoLoadEntities: true,
          }),
        }),
      ],
    };
  }
}
