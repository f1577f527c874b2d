import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { groupBy, paginateQuery, type Actor, type ConnectionShape, type IsoDate, type PageArgs } from '@lib/common';
import {
  canSeeAgreement,
  participationStateScope,
  scopeAgreementQuery,
  seesNegotiation,
  visibleVersionStatuses,
} from './agreement-access';
import {
  AgreementEntity,
  AgreementStatus,
  AgreementVersionEntity,
  NegotiationStepEntity,
  StateParticipationEntity,
  VersionStatus,
} from './agreement.entities';
import { AgreementError, AgreementErrorCode } from './agreements.errors';
import type { TermSheet } from './term-sheet';
import { diffTermSheets, type TermDifference } from './term-sheet.diff';
import { loadTerms } from './term-sheet.store';

export interface AgreementFilter {
  status?: AgreementStatus;
  productId?: string;
  manufacturerId?: string;
}

export interface ParticipationFilter {
  stateCode?: string;
  agreementId?: string;
}

export interface VersionComparison {
  agreementId: string;
  fromVersion: number;
  toVersion: number;
  differences: TermDifference[];
}

/** What reconciliation reads: executed terms (original and amendments) and who participates. */
export interface ExecutedAgreementTerms {
  agreementId: string;
  productId: string;
  versions: { versionId: string; effectiveFrom: IsoDate | null /* null = original */; terms: TermSheet }[];
  participations: { stateCode: string; effectiveFrom: IsoDate; effectiveTo: IsoDate | null }[];
}

export function agreementNotFound(id: string): AgreementError {
  return new AgreementError(AgreementErrorCode.AGREEMENT_NOT_FOUND, `Agreement ${id} was not found`);
}

/**
 * Reads of agreements, filtered by the actor's scope (agreement-access.ts). Batch methods take
 * many ids at once for the GraphQL DataLoaders.
 */
@Injectable()
export class AgreementsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor, filter: AgreementFilter, page: PageArgs): Promise<ConnectionShape<AgreementEntity>> {
    const qb = this.dataSource.getRepository(AgreementEntity).createQueryBuilder('a');
    scopeAgreementQuery(qb, actor);
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.productId) qb.andWhere('a.product_id = :productId', { productId: filter.productId });
    if (filter.manufacturerId) qb.andWhere('a.manufacturer_id = :m', { m: filter.manufacturerId });
    return paginateQuery(qb, page, { columns: ['a.id'], valuesOf: (a) => [a.id] });
  }

  /** One agreement the actor may see; NOT_FOUND otherwise (even when it exists). */
  async get(actor: Actor, id: string): Promise<AgreementEntity> {
    return this.findVisible(this.dataSource.manager, actor, id, false);
  }

  /** Loads (optionally locking) an agreement the actor may see, or answers NOT_FOUND. */
  async findVisible(manager: EntityManager, actor: Actor, id: string, lock: boolean): Promise<AgreementEntity> {
    const agreement = await manager.findOne(AgreementEntity, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!agreement || !canSeeAgreement(actor, agreement)) throw agreementNotFound(id);
    return agreement;
  }

  /** Versions of each agreement the actor may read, oldest first (states: executed ones only). */
  async versionsOf(actor: Actor, agreementIds: readonly string[]): Promise<Map<string, AgreementVersionEntity[]>> {
    const statuses = visibleVersionStatuses(actor);
    const rows = await this.dataSource.getRepository(AgreementVersionEntity).find({
      where: { agreementId: In([...agreementIds]), ...(statuses ? { status: In(statuses) } : {}) },
      order: { versionNumber: 'ASC' },
    });
    return groupBy(rows, (v) => v.agreementId);
  }

  /** Term sheets by version (the caller has already filtered the versions by scope). */
  async termsOf(versions: readonly AgreementVersionEntity[]): Promise<Map<string, TermSheet>> {
    return loadTerms(this.dataSource.manager, versions);
  }

  /** Term sheets by version id, for versions the caller obtained through versionsOf. */
  async termsByVersionIds(versionIds: readonly string[]): Promise<Map<string, TermSheet>> {
    const versions = await this.dataSource.getRepository(AgreementVersionEntity).findBy({ id: In([...versionIds]) });
    return this.termsOf(versions);
  }

  async stepsOf(actor: Actor, agreementIds: readonly string[]): Promise<Map<string, NegotiationStepEntity[]>> {
    if (!seesNegotiation(actor)) return new Map();
    const rows = await this.dataSource
      .getRepository(NegotiationStepEntity)
      .find({ where: { agreementId: In([...agreementIds]) }, order: { id: 'ASC' } });
    return groupBy(rows, (s) => s.agreementId);
  }

  /** Participations of each agreement: the roster, or only the actor's own state for state staff. */
  async participationsOf(
    actor: Actor,
    agreementIds: readonly string[],
  ): Promise<Map<string, StateParticipationEntity[]>> {
    const state = participationStateScope(actor);
    const rows = await this.dataSource.getRepository(StateParticipationEntity).find({
      where: { agreementId: In([...agreementIds]), ...(state !== null ? { stateCode: state } : {}) },
      order: { stateCode: 'ASC', effectiveFrom: 'ASC' },
    });
    return groupBy(rows, (p) => p.agreementId);
  }

  /** Participation records across agreements the actor may see (states: their own only). */
  async listParticipations(
    actor: Actor,
    filter: ParticipationFilter,
    page: PageArgs,
  ): Promise<ConnectionShape<StateParticipationEntity>> {
    const qb = this.dataSource
      .getRepository(StateParticipationEntity)
      .createQueryBuilder('p')
      .innerJoin(AgreementEntity, 'a', 'a.id = p.agreement_id');
    scopeAgreementQuery(qb, actor);
    const state = participationStateScope(actor);
    if (state !== null) qb.andWhere('p.state_code = :ownState', { ownState: state });
    if (filter.stateCode) qb.andWhere('p.state_code = :stateCode', { stateCode: filter.stateCode });
    if (filter.agreementId) qb.andWhere('p.agreement_id = :agreementId', { agreementId: filter.agreementId });
    return paginateQuery(qb, page, {
      columns: ['p.state_code', 'p.effective_from', 'p.id'],
      valuesOf: (p) => [p.stateCode, p.effectiveFrom, p.id],
    });
  }

  /** Field-by-field differences between two versions of one agreement (README "Agreements"). */
  async compareVersions(actor: Actor, agreementId: string, from: number, to: number): Promise<VersionComparison> {
    await this.get(actor, agreementId);
    const versions = (await this.versionsOf(actor, [agreementId])).get(agreementId) ?? [];
    const pick = (n: number) => {
      const version = versions.find((v) => v.versionNumber === n);
      if (!version) {
        throw new AgreementError(AgreementErrorCode.VERSION_NOT_FOUND, `Agreement ${agreementId} has no version ${n}`);
      }
      return version;
    };
    const [a, b] = [pick(from), pick(to)];
    const terms = await this.termsOf([a, b]);
    const differences = diffTermSheets(terms.get(a.id) as TermSheet, terms.get(b.id) as TermSheet);
    if (a.amendmentEffectiveFrom !== b.amendmentEffectiveFrom) {
      differences.unshift({
        path: 'amendmentEffectiveFrom',
        change: 'CHANGED',
        before: a.amendmentEffectiveFrom,
        after: b.amendmentEffectiveFrom,
      });
    }
    return { agreementId, fromVersion: from, toVersion: to, differences };
  }

  /**
   * For reconciliation (a system read, no actor): every agreement whose original terms were
   * executed, with its executed versions (the original, then each executed amendment with the
   * date from which it is in force) and its participations. Expired agreements are included:
   * expiry does not rewrite the terms that applied while they were in force.
   */
  async executedTermsForReconciliation(
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ExecutedAgreementTerms[]> {
    const agreements = await manager.find(AgreementEntity, {
      where: { status: In([AgreementStatus.EXECUTED, AgreementStatus.EXPIRED]) },
      order: { id: 'ASC' },
    });
    if (!agreements.length) return [];
    const ids = agreements.map((a) => a.id);
    // Often the caller's transaction (one connection): one query after another.
    const versions = await manager.find(AgreementVersionEntity, {
      where: { agreementId: In(ids), status: VersionStatus.EXECUTED },
      order: { amendmentNumber: 'ASC' },
    });
    const participations = await manager.find(StateParticipationEntity, {
      where: { agreementId: In(ids) },
      order: { stateCode: 'ASC', effectiveFrom: 'ASC' },
    });
    const terms = await loadTerms(manager, versions);
    const versionsByAgreement = groupBy(versions, (v) => v.agreementId);
    const participationsByAgreement = groupBy(participations, (p) => p.agreementId);
    return agreements.map((a) => ({
      agreementId: a.id,
      productId: a.productId,
      versions: (versionsByAgreement.get(a.id) ?? []).map((v) => ({
        versionId: v.id,
        effectiveFrom: v.amendmentEffectiveFrom,
        terms: terms.get(v.id) as TermSheet,
      })),
      participations: (participationsByAgreement.get(a.id) ?? []).map((p) => ({
        stateCode: p.stateCode,
        effectiveFrom: p.effectiveFrom,
        effectiveTo: p.effectiveTo,
      })),
    }));
  }
}
