import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReferenceModule } from '@lib/reference';
import { AgreementChangeNotifier } from './agreement-change.notifier';
import { AGREEMENT_ENTITIES } from './agreement.entities';
import { AgreementsService } from './agreements.service';
import { NegotiationService } from './negotiation.service';
import { ParticipationService } from './participation.service';
import { ReconciliationRequests } from './reconciliation-requests';

@Module({
  imports: [TypeOrmModule.forFeature(AGREEMENT_ENTITIES), ReferenceModule],
  providers: [
    AgreementsService,
    NegotiationService,
    ParticipationService,
    AgreementChangeNotifier,
    ReconciliationRequests,
  ],
  exports: [
    AgreementsService,
    NegotiationService,
    ParticipationService,
    AgreementChangeNotifier,
    ReconciliationRequests,
  ],
})
export class AgreementsModule {}
