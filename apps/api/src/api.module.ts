import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { DataSource } from 'typeorm';
import { AgreementsGraphqlModule } from '@lib/agreements';
import { AuditGraphqlModule, AuditModule } from '@lib/audit';
import { ActorResolver, AuthGraphqlModule, AuthGuard, AuthModule } from '@lib/auth';
import { ClaimsGraphqlModule } from '@lib/claims';
import { AppValidationPipe, Clock, clockFor, HttpErrorFilter, loggingModule } from '@lib/common';
import { AppConfig, AppConfigModule } from '@lib/config';
import { DatabaseModule } from '@lib/database';
import { QueueModule } from '@lib/queue';
import { OutcomesGraphqlModule, ReconciliationGraphqlModule } from '@lib/reconciliation';
import { ReferenceGraphqlModule } from '@lib/reference';
import { DashboardGraphqlModule, DisputesGraphqlModule, StatementsGraphqlModule } from '@lib/statements';
import { SimulatorGraphqlModule } from '@lib/simulator';
import { ConsoleModule } from './console/console.module';
import { graphqlOptions } from './graphql/graphql-options';
import { DataChangeListener } from './graphql/read-cache/data-change-listener';
import { ReadCache } from './graphql/read-cache/read-cache';
import { HealthModule } from './health/health.module';
import { OpenApiModule } from './openapi/openapi.module';

/** Domain GraphQL modules served by the API (each library's XGraphqlModule). */
const DOMAIN_GRAPHQL_MODULES: ModuleMetadata['imports'] = [
  AuthGraphqlModule,
  AuditGraphqlModule,
  ReferenceGraphqlModule,
  AgreementsGraphqlModule,
  ClaimsGraphqlModule,
  ReconciliationGraphqlModule,
  OutcomesGraphqlModule,
  DisputesGraphqlModule,
  StatementsGraphqlModule,
  DashboardGraphqlModule,
  SimulatorGraphqlModule,
];

/** apps/api: HTTP and GraphQL only. Tests pass their own AppConfig (and may override Clock). */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        AppConfigModule.forRoot(config),
        loggingModule(config.logLevel, true, config.logFile),
        DatabaseModule.forApp('api'),
        QueueModule,
        AuditModule,
        AuthModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [AuthModule],
          inject: [AppConfig, ActorResolver, DataSource, ReadCache, Clock],
          useFactory: (
            appConfig: AppConfig,
            actors: ActorResolver,
            dataSource: DataSource,
            readCache: ReadCache,
            clock: Clock,
          ) => graphqlOptions(appConfig, actors, dataSource, readCache, clock),
        }),
        HealthModule,
        ConsoleModule,
        OpenApiModule,
        ...(DOMAIN_GRAPHQL_MODULES ?? []),
      ],
      providers: [
        { provide: Clock, useFactory: () => clockFor(config.fixedTime) },
        { provide: ReadCache, useFactory: () => new ReadCache(config.api.readCacheBytes) },
        DataChangeListener,
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_PIPE, useClass: AppValidationPipe },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
      exports: [Clock, ReadCache],
      global: true,
    };
  }
}
