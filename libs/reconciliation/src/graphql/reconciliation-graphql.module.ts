import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerEntryEntity } from '@lib/ledger';
import { EpisodeEntity } from '../episode.entity';
import { EpisodesService } from '../episodes.service';
import { EpisodesResolver, LedgerEntriesResolver } from './episodes.resolver';

/** Episodes and ledger entries over GraphQL; only apps/api imports it. */
@Module({
  imports: [TypeOrmModule.forFeature([EpisodeEntity, LedgerEntryEntity])],
  providers: [EpisodesService, EpisodesResolver, LedgerEntriesResolver],
})
export class ReconciliationGraphqlModule {}
