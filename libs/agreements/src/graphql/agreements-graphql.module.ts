import { Module } from '@nestjs/common';
import { ReferenceGraphqlModule } from '@lib/reference';
import { AgreementsModule } from '../agreements.module';
import { AgreementLoaders } from './agreement.loaders';
import {
  AgreementFieldsResolver,
  AgreementsResolver,
  AgreementVersionFieldsResolver,
  StateParticipationFieldsResolver,
} from './agreements.resolver';

/** The GraphQL face of agreements; only apps/api imports it. */
@Module({
  imports: [AgreementsModule, ReferenceGraphqlModule],
  providers: [
    AgreementLoaders,
    AgreementsResolver,
    AgreementFieldsResolver,
    AgreementVersionFieldsResolver,
    StateParticipationFieldsResolver,
  ],
})
export class AgreementsGraphqlModule {}
