import { Global, Module } from '@nestjs/common';
import { StatementDrafts } from '@lib/ledger';
import { DisputeOverrides } from '@lib/reconciliation';
import { DisputeOverridesReader } from './disputes/dispute-overrides.reader';
import { StatementDraftStore } from './statement-drafts.store';

/**
 * Binds the ports lower libraries declare for what the statements library owns: the ledger's
 * StatementDrafts (statement rows) and reconciliation's DisputeOverrides (episode_override).
 * Global, because LedgerService and ReconciliationService live in modules below this library;
 * StatementsModule imports it, so every app with statements (api, worker, cli) has the bindings.
 */
@Global()
@Module({
  providers: [
    StatementDraftStore,
    DisputeOverridesReader,
    { provide: StatementDrafts, useExisting: StatementDraftStore },
    { provide: DisputeOverrides, useExisting: DisputeOverridesReader },
  ],
  exports: [StatementDrafts, DisputeOverrides],
})
export class StatementsPortsModule {}
