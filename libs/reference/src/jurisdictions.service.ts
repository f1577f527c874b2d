import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditService } from '@lib/audit';
import { paginateQuery, type Actor, type ConnectionShape, type PageArgs } from '@lib/common';
import { JurisdictionEntity } from './reference.entities';
import { ReferenceDataError, ReferenceDataErrorCode } from './reference.errors';
import { ReferenceWriter } from './reference-writer';

export interface JurisdictionFilter {
  participantsOnly?: boolean;
}

/**
 * Jurisdictions (states and territories with USPS and FIPS codes, model participation): read by
 * everyone signed in; coordinators correct a name, audited.
 */
@Injectable()
export class JurisdictionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly writer: ReferenceWriter,
  ) {}

  async listJurisdictions(
    _actor: Actor,
    filter: JurisdictionFilter,
    page: PageArgs,
  ): Promise<ConnectionShape<JurisdictionEntity>> {
    const qb = this.dataSource.getRepository(JurisdictionEntity).createQueryBuilder('j');
    if (filter.participantsOnly) qb.andWhere('j.cgt_participant');
    return paginateQuery(qb, page, { columns: ['j.usps_code'], valuesOf: (j) => [j.uspsCode] });
  }

  /**
   * A jurisdiction by USPS code (`NY`), FIPS code (`36`) or alternate T-MSIS submitter code
   * (`97` -> PA), domain.md "States".
   */
  async findJurisdiction(code: string): Promise<JurisdictionEntity | null> {
    const value = code.trim().toUpperCase();
    const qb = this.dataSource.getRepository(JurisdictionEntity).createQueryBuilder('j');
    if (/^[A-Z]{2}$/.test(value)) return qb.where('j.usps_code = :value', { value }).getOne();
    if (!/^\d{2}$/.test(value)) return null;
    return qb
      .where('j.fips_code = :value OR :value = ANY(j.alternate_submitter_codes)', { value })
      .orderBy('j.fips_code = :value', 'DESC')
      .getOne();
  }

  async jurisdictionsByCodes(codes: readonly string[]): Promise<JurisdictionEntity[]> {
    return this.dataSource.getRepository(JurisdictionEntity).findBy({ uspsCode: In([...codes]) });
  }

  async updateJurisdictionName(actor: Actor, uspsCode: string, name: string): Promise<JurisdictionEntity> {
    this.writer.requireCoordinator(actor);
    return this.dataSource.transaction(async (manager) => {
      const jurisdiction = await manager.findOne(JurisdictionEntity, {
        where: { uspsCode: uspsCode.toUpperCase() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!jurisdiction) {
        throw new ReferenceDataError(
          ReferenceDataErrorCode.JURISDICTION_NOT_FOUND,
          `Jurisdiction ${uspsCode} was not found`,
        );
      }
      const before = { name: jurisdiction.name };
      jurisdiction.name = name.trim();
      jurisdiction.updatedAt = new Date();
      const saved = await manager.save(jurisdiction);
      await this.audit.record(manager, actor, {
        action: 'jurisdiction.renamed',
        entityType: 'Jurisdiction',
        entityId: saved.uspsCode,
        stateCode: saved.uspsCode,
        before,
        after: { name: saved.name },
      });
      return saved;
    });
  }
}
