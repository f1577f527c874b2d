import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReferenceModule } from '@lib/reference';
import { AGREEMENT_ENTITIES } from './agreement.entities';
import { AgreementsService } from './agreements.service';
import { NegotiationService } from './negotiation.service';
import { ParticipationService } from './participation.service';

@Module({
  imports: [TypeOrmModule.forFeature(AGREEMENT_ENTITIES), ReferenceModule],
  providers: [AgreementsService, NegotiationService, ParticipationService],
  exports: [AgreementsService, NegotiationService, ParticipationService],
})
export class AgreementsModule {}
