import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@lib/config';
import { databaseOptions } from './data-source-options';

/** TypeORM on Postgres for the apps; entities register themselves with forFeature. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...databaseOptions(config.database.url, 'cgt-app'),
        autoLoadEntities: true,
      }),
    }),
  ],
})
export class DatabaseModule {}
