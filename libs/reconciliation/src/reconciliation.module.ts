import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementsModule } from '@lib/agreements';
import { ClaimsModule } from '@lib/claims';
import { LedgerModule } from '@lib/ledger';
import { ReferenceModule } from '@lib/reference';
import { EpisodeEntity } from './episode.entity';
import { ReconciliationOutboxModule } from './outbox/reconciliation-outbox.module';
import { TreatmentHistoryReader } from './outcomes/treatment-history.reader';
import { ReconciliationService } from './reconciliation.service';
import { ContractYearCloseEntity } from './year-close/contract-year-close.entity';
import { ContractYearCloseService } from './year-close/contract-year-close.service';

/** Episodes, derived exceptions and ledger deltas computed by the rules; contract-year closes. */
@Module({
  imports: [
    TypeOrmModule.forFeature([EpisodeEntity, ContractYearCloseEntity]),
    AgreementsModule,
    ClaimsModule,
    LedgerModule,
    ReferenceModule,
    ReconciliationOutboxModule,
  ],
  providers: [ReconciliationService, ContractYearCloseService, TreatmentHistoryReader],
  exports: [ReconciliationService, ContractYearCloseService, TreatmentHistoryReader, LedgerModule],
})
export class ReconciliationModule {}
