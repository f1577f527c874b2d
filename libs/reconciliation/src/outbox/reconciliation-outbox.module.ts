import { Global, Module } from '@nestjs/common';
import { AgreementChangeNotifier } from '@lib/agreements';
import { ReconciliationRequests } from './reconciliation-requests';

/**
 * The reconciliation outbox (reconciliation_request) and its binding to agreements'
 * AgreementChangeNotifier port. Global, because the agreements library lives below this one;
 * ReconciliationModule imports it, so every app with reconciliation (api, worker, cli) has it.
 */
@Global()
@Module({
  providers: [ReconciliationRequests, { provide: AgreementChangeNotifier, useExisting: ReconciliationRequests }],
  exports: [ReconciliationRequests, AgreementChangeNotifier],
})
export class ReconciliationOutboxModule {}
