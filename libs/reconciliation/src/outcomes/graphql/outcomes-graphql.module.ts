import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReferenceModule } from '@lib/reference';
import { EpisodeEntity } from '../../episode.entity';
import { EpisodesService } from '../../episodes.service';
import { ReconciliationModule } from '../../reconciliation.module';
import { OutcomeObservationEntity } from '../outcome-observation.entity';
import { OutcomeObservationsService } from '../outcome-observations.service';
import {
  EpisodeObservationsResolver,
  OutcomeEventObservationResolver,
  OutcomeObservationsResolver,
} from './outcome-observations.resolver';

/** Outcome observations over GraphQL; only apps/api imports it. */
@Module({
  imports: [TypeOrmModule.forFeature([EpisodeEntity, OutcomeObservationEntity]), ReconciliationModule, ReferenceModule],
  providers: [
    EpisodesService,
    OutcomeObservationsService,
    OutcomeObservationsResolver,
    EpisodeObservationsResolver,
    OutcomeEventObservationResolver,
  ],
})
export class OutcomesGraphqlModule {}
