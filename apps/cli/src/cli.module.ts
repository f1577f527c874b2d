import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { AgreementsModule } from '@lib/agreements';
import { AuditModule } from '@lib/audit';
import { AuthModule } from '@lib/auth';
import { ClaimsModule } from '@lib/claims';
import { Clock, clockFor, loggingModule } from '@lib/common';
import { AppConfigModule, type AppConfig } from '@lib/config';
import { DatabaseModule } from '@lib/database';
import { QueueModule } from '@lib/queue';
import { ReconciliationModule } from '@lib/reconciliation';
import { ReferenceModule } from '@lib/reference';
import { DisputesModule, StatementsModule } from '@lib/statements';
import { DemoClaimsSeeder } from './seed/demo-claims';
import { DemoSeeder } from './seed/demo-seeder';
import { DemoStatementsSeeder } from './seed/demo-statements';

/** Domain modules whose services operator commands use (seeding goes through them). */
const DOMAIN_MODULES: NonNullable<ModuleMetadata['imports']> = [
  AuthModule,
  ReferenceModule,
  AgreementsModule,
  ClaimsModule,
  ReconciliationModule,
  StatementsModule,
  DisputesModule,
];

/** The CLI's application context: the same services as the API, no HTTP, no processors. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      global: true,
      imports: [
        AppConfigModule.forRoot(config),
        loggingModule(config.logLevel, false, config.logFile),
        DatabaseModule.forApp('cli'),
        QueueModule,
        AuditModule,
        ...DOMAIN_MODULES,
      ],
      providers: [
        { provide: Clock, useFactory: () => clockFor(config.fixedTime) },
        DemoSeeder,
        DemoClaimsSeeder,
        DemoStatementsSeeder,
      ],
      exports: [Clock],
    };
  }
}
