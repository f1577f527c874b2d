import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditModule } from '@lib/audit';
import { Clock, clockFor, loggingModule } from '@lib/common';
import { AppConfig, AppConfigModule } from '@lib/config';
import { DatabaseModule } from '@lib/database';
import { HandlerCoverageCheck, JobSchedules, QueueModule } from '@lib/queue';
import { AuthWorkerModule } from '@lib/auth';
import { ClaimsWorkerModule } from '@lib/claims';
import { ReconciliationWorkerModule } from '@lib/reconciliation';
import { SimulatorWorkerModule } from '@lib/simulator';
import { StatementsWorkerModule } from '@lib/statements';

/** Domain modules that contribute BullMQ processors. */
const PROCESSOR_MODULES: NonNullable<ModuleMetadata['imports']> = [
  AuthWorkerModule,
  ReconciliationWorkerModule,
  ClaimsWorkerModule,
  StatementsWorkerModule,
  SimulatorWorkerModule,
];

/** apps/worker: BullMQ processors only, no HTTP server. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      global: true,
      imports: [
        AppConfigModule.forRoot(config),
        loggingModule(config.logLevel, false, config.logFile),
        DiscoveryModule,
        DatabaseModule.forApp('worker'),
        QueueModule,
        AuditModule,
        ...PROCESSOR_MODULES,
      ],
      providers: [{ provide: Clock, useFactory: () => clockFor(config.fixedTime) }, HandlerCoverageCheck, JobSchedules],
      exports: [Clock],
    };
  }
}
