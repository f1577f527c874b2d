import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import {
  applyReadScope,
  forbidden,
  notFound,
  paginateQuery,
  readScopeOf,
  Role,
  type Actor,
  type ConnectionShape,
  type PageArgs,
} from '@lib/common';
import { LedgerEntryEntity } from '@lib/ledger';
import { EpisodeEntity, type StoredEpisodeStatus } from './episode.entity';

export interface EpisodeFilter {
  stateCode?: string;
  productId?: string;
  status?: StoredEpisodeStatus;
}

export interface LedgerEntryFilter {
  stateCode?: string;
  labelerCode?: string;
  statementQuarter?: string;
  serviceQuarter?: string;
  episodeRef?: string;
}

/**
 * Reads of episodes and ledger entries, scoped to the actor (style.md habit 5): state staff
 * see their state, manufacturer staff the products of their own labeler codes, coordinators and
 * auditors everything. Beneficiary ids are a separate, narrower permission (mayReadBeneficiary).
 */
@Injectable()
export class EpisodesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** MSIS ids: coordinators and the owning state only (never auditors or manufacturers). */
  mayReadBeneficiary(actor: Actor, episode: Pick<EpisodeEntity, 'stateCode'>): boolean {
    return (
      actor.role === Role.FEDERAL_COORDINATOR ||
      (actor.role === Role.STATE_STAFF && actor.stateCode === episode.stateCode)
    );
  }

  async listEpisodes(actor: Actor, filter: EpisodeFilter, page: PageArgs): Promise<ConnectionShape<EpisodeEntity>> {
    const qb = this.dataSource.getRepository(EpisodeEntity).createQueryBuilder('e');
    this.scope(actor, qb, 'e');
    if (filter.stateCode) qb.andWhere('e.state_code = :stateCode', { stateCode: filter.stateCode });
    if (filter.productId) qb.andWhere('e.product_id = :productId', { productId: filter.productId });
    if (filter.status) qb.andWhere('e.status = :status', { status: filter.status });
    return paginateQuery(qb, page, {
      columns: ['e.administration_date', 'e.episode_ref'],
      valuesOf: (e) => [e.administrationDate, e.episodeRef],
    });
  }

  async episodeByRef(actor: Actor, episodeRef: string): Promise<EpisodeEntity> {
    const qb = this.dataSource
      .getRepository(EpisodeEntity)
      .createQueryBuilder('e')
      .where('e.episode_ref = :episodeRef', { episodeRef });
    this.scope(actor, qb, 'e');
    const episode = await qb.getOne();
    if (!episode) throw notFound('Episode', episodeRef);
    return episode;
  }

  async listLedgerEntries(
    actor: Actor,
    filter: LedgerEntryFilter,
    page: PageArgs,
  ): Promise<ConnectionShape<LedgerEntryEntity>> {
    const qb = this.dataSource.getRepository(LedgerEntryEntity).createQueryBuilder('l');
    this.scope(actor, qb, 'l');
    if (filter.stateCode) qb.andWhere('l.state_code = :stateCode', { stateCode: filter.stateCode });
    if (filter.labelerCode) qb.andWhere('l.labeler_code = :labelerCode', { labelerCode: filter.labelerCode });
    if (filter.statementQuarter) qb.andWhere('l.statement_quarter = :sq', { sq: filter.statementQuarter });
    if (filter.serviceQuarter) qb.andWhere('l.service_quarter = :svq', { svq: filter.serviceQuarter });
    if (filter.episodeRef) {
      qb.andWhere('l.episode_id IN (SELECT id FROM episode WHERE episode_ref = :ref)', { ref: filter.episodeRef });
    }
    return paginateQuery(qb, page, { columns: ['l.id'], valuesOf: (l) => [Number(l.id)] });
  }

  /** Ledger entries of many episodes at once (DataLoader batch), oldest first. */
  async ledgerEntriesOfEpisodes(episodeIds: readonly string[]): Promise<Map<string, LedgerEntryEntity[]>> {
    const rows = await this.dataSource
      .getRepository(LedgerEntryEntity)
      .find({ where: { episodeId: In([...episodeIds]) }, order: { id: 'ASC' } });
    const byEpisode = new Map<string, LedgerEntryEntity[]>();
    for (const row of rows) byEpisode.set(row.episodeId, [...(byEpisode.get(row.episodeId) ?? []), row]);
    return byEpisode;
  }

  /** Episodes of many ids at once (DataLoader batch). */
  async episodesByIds(ids: readonly string[]): Promise<Map<string, EpisodeEntity>> {
    const rows = await this.dataSource.getRepository(EpisodeEntity).findBy({ id: In([...ids]) });
    return new Map(rows.map((e) => [e.id, e]));
  }

  /**
   * Restricts any query over a table with state_code and labeler_code to what the actor may read
   * (readScopeOf); roles that read none of it are FORBIDDEN.
   */
  scope<E extends ObjectLiteral>(actor: Actor, qb: SelectQueryBuilder<E>, alias: string): void {
    const scope = readScopeOf(actor);
    if (scope.kind === 'NONE') throw forbidden('Episodes and ledger entries are not visible to this role');
    applyReadScope(qb, scope, alias);
  }
}
