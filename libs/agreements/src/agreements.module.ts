import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReferenceModule } from '@lib/reference';
import { AgreementChangeNotifier } from './agreement-change.notifier';
import { AGREEMENT_ENTITIES } from './agreement.entities';
import { AgreementsService } from './agreements.service';
import { NegotiationService } from './negotiation.service';
import { ParticipationService } from './participation.service';

@Module({
  imports: [TypeOrmModule.forFeature(AGREEMENT_ENTITIES), ReferenceModule],
  providers: [AgreementsService, NegotiationService, ParticipationService, AgreementChangeNotifier],
  exports: [AgreementsService, NegotiationService, ParticipationService, AgreementChangeNotifier],
})
export class AgreementsModule {}
