import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementsModule } from '@lib/agreements';
import { ClaimsModule } from '@lib/claims';
import { LedgerModule } from '@lib/ledger';
import { ReferenceModule } from '@lib/reference';
import { EpisodeEntity } from './episode.entity';
import { ReconciliationService } from './reconciliation.service';

/** Episodes, derived exceptions and ledger deltas computed by the rules. */
@Module({
  imports: [TypeOrmModule.forFeature([EpisodeEntity]), AgreementsModule, ClaimsModule, LedgerModule, ReferenceModule],
  providers: [ReconciliationService],
  exports: [ReconciliationService, LedgerModule],
})
export class ReconciliationModule {}
