import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerEntryEntity } from '@lib/ledger';
import { EpisodeEntity } from '../episode.entity';
import { EpisodesService } from '../episodes.service';
import { ReconciliationModule } from '../reconciliation.module';
import { EpisodesResolver, LedgerEntriesResolver } from './episodes.resolver';
import { ContractYearCloseResolver } from './year-close.resolver';
import { ReconciliationRequestsReader } from '../outbox/reconciliation-requests.reader';
import {
  AgreementRequestsResolver,
  ParticipationRequestsResolver,
  ReconciliationRequestsResolver,
} from './reconciliation-requests.resolver';

/** Episodes, ledger entries, contract-year closes and reconciliation requests over GraphQL; only apps/api imports it. */
@Module({
  imports: [TypeOrmModule.forFeature([EpisodeEntity, LedgerEntryEntity]), ReconciliationModule],
  providers: [
    EpisodesService,
    EpisodesResolver,
    LedgerEntriesResolver,
    ContractYearCloseResolver,
    ReconciliationRequestsReader,
    ReconciliationRequestsResolver,
    ParticipationRequestsResolver,
    AgreementRequestsResolver,
  ],
})
export class ReconciliationGraphqlModule {}
