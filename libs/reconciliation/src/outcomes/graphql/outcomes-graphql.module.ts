import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReferenceModule } from '@lib/reference';
import { EpisodeEntity } from '../../episode.entity';
import { EpisodesService } from '../../episodes.service';
import { ReconciliationModule } from '../../reconciliation.module';
import { OutcomeObservationEntity } from '../outcome-observation.entity';
import { OutcomeObservationsService } from '../outcome-observations.service';
import { ProgramDashboardService } from '../program-dashboard.service';
import {
  EpisodeObservationsResolver,
  OutcomeEventObservationResolver,
  OutcomeObservationsResolver,
} from './outcome-observations.resolver';
import { ProgramDashboardResolver } from './program-dashboard.resolver';

/** Outcome observations and the program dashboard over GraphQL; only apps/api imports it. */
@Module({
  imports: [TypeOrmModule.forFeature([EpisodeEntity, OutcomeObservationEntity]), ReconciliationModule, ReferenceModule],
  providers: [
    EpisodesService,
    OutcomeObservationsService,
    ProgramDashboardService,
    OutcomeObservationsResolver,
    EpisodeObservationsResolver,
    OutcomeEventObservationResolver,
    ProgramDashboardResolver,
  ],
})
export class OutcomesGraphqlModule {}
