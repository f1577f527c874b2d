import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AgreementsService, AgreementStatus, type AgreementEntity } from '@lib/agreements';
import { AuditService } from '@lib/audit';
import {
  Clock,
  Dec,
  forbidden,
  isCoordinator,
  notFound,
  quarterOf,
  readsEverything,
  Role,
  validationFailed,
  ZERO,
  type Actor,
} from '@lib/common';
import { LockClass } from '@lib/database';
import { ReconciliationService, type StateReconcileSummary } from '../reconciliation.service';
import { reachedVolumeTier, termsInForce, type VolumeTier } from '../rules';
import { ContractYearCloseEntity } from './contract-year-close.entity';
import { YearCloseError, YearCloseErrorCode } from './year-close.errors';
import {
  closeRefusal,
  contractYearBounds,
  reopenRefusal,
  type CloseRefusal,
  type YearCloseStatus,
} from './year-close.rules';

export interface ContractYearCommand {
  agreementId: string;
  year: number;
}

export interface ReopenContractYearCommand extends ContractYearCommand {
  reason: string;
}

/** One participating state as the close reconciled it. */
export interface StateYearCloseResult {
  stateCode: string;
  summary: StateReconcileSummary;
}

export interface ContractYearCloseResult {
  close: ContractYearCloseEntity;
  states: StateYearCloseResult[];
}

/** What a close appended to one state's ledger (entries whose cause is the close). */
export interface CloseStateTotals {
  stateCode: string;
  volume: Dec;
  total: Dec;
  entries: number;
}

const REFUSALS: Record<CloseRefusal, { code: YearCloseErrorCode; message: string }> = {
  YEAR_NOT_ENDED: {
    code: YearCloseErrorCode.YEAR_NOT_ENDED,
    message: 'has not ended yet: a contract year is closed after its 31 December',
  },
  YEAR_ALREADY_CLOSED: {
    code: YearCloseErrorCode.YEAR_ALREADY_CLOSED,
    message: 'is already closed: reopen it first to close it again',
  },
};

/**
 * The annual volume true-up (rebate-rules section 6). A coordinator closes contract
 * year Y of an agreement: under the agreement's lock and the locks of every state that took part
 * in it that year (ascending FIPS, the order every multi-state lock uses), n = the ELIGIBLE
 * episodes of the agreement dated in Y in all states, p = the tier of the terms in force on
 * 31 December Y, and each of those states is reconciled at once so every episode's VOLUME
 * (cut to its cap headroom by the rules) is appended, stamped with the quarter of the close.
 * Reopening keeps the rate in force until a new close replaces it; the ledger appends only
 * differences. Reads: coordinators and auditors, the agreement's manufacturer, and states that
 * participate (or took part) in the agreement; each state sees only its own ledger totals.
 */
@Injectable()
export class ContractYearCloseService {
  private readonly logger = new Logger(ContractYearCloseService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agreements: AgreementsService,
    private readonly reconciliation: ReconciliationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async close(actor: Actor, command: ContractYearCommand): Promise<ContractYearCloseResult> {
    this.requireCoordinator(actor);
    this.requireYear(command.year);
    const result = await this.dataSource.transaction(async (manager) => {
      const agreement = await this.executedAgreement(manager, actor, command.agreementId);
      await this.lockAgreement(manager, agreement.id);
      const today = this.clock.today();
      const refusal = closeRefusal(command.year, today, await this.statusesOf(manager, agreement.id, command.year));
      if (refusal) {
        const { code, message } = REFUSALS[refusal];
        throw new YearCloseError(code, `Contract year ${command.year} of agreement ${agreement.id} ${message}`);
      }
      const states = await this.statesOfYear(manager, agreement.id, command.year);
      await this.reconciliation.lockStates(
        manager,
        states.map((s) => ({ stateCode: s.stateCode, stateFips: s.fipsCode })),
      );
      // Counted under every state's lock: no reconciliation of those states runs meanwhile.
      const eligibleEpisodes = await this.countEligible(manager, agreement.id, command.year);
      const tier = await this.tierReached(manager, agreement.id, command.year, eligibleEpisodes);
      const close = await this.storeClose(manager, actor, agreement, {
        year: command.year,
        eligibleEpisodes,
        tierMinTreatments: tier?.minTreatments ?? null,
        tierPct: tier?.additionalRebatePct ?? ZERO,
        closedOn: today,
      });
      const cause = { type: 'YEAR_CLOSE' as const, id: close.id, serviceQuarter: quarterOf(close.closedOn) };
      const reconciled = await this.reconciliation.reconcileStateLocked(
        manager,
        states.map((s) => ({ stateCode: s.stateCode, stateFips: s.fipsCode })),
        cause,
      );
      const byState = new Map(reconciled.map((r) => [r.stateCode, r.summary]));
      // In the order statesOfYear gives (the result's order is part of the API).
      const results: StateYearCloseResult[] = states.map((s) => {
        const summary = byState.get(s.stateCode);
        if (!summary) throw new Error(`State ${s.stateCode} was not reconciled`);
        return { stateCode: s.stateCode, summary };
      });
      return { close, states: results };
    });
    this.logger.log(
      {
        agreementId: result.close.agreementId,
        contractYear: result.close.contractYear,
        eligibleEpisodes: result.close.eligibleEpisodes,
        tierPct: result.close.tierPct.toString(),
        states: result.states.map((s) => s.stateCode),
      },
      'Contract year closed',
    );
    return result;
  }

  /** Marks the CLOSED close REOPENED (audited); its rate stays in force, so no money moves. */
  async reopen(actor: Actor, command: ReopenContractYearCommand): Promise<ContractYearCloseEntity> {
    this.requireCoordinator(actor);
    this.requireYear(command.year);
    const reason = command.reason.trim();
    if (!reason) throw validationFailed([{ path: 'input.reason', message: 'must not be empty' }]);
    return this.dataSource.transaction(async (manager) => {
      const agreement = await this.executedAgreement(manager, actor, command.agreementId);
      await this.lockAgreement(manager, agreement.id);
      const statuses = await this.statusesOf(manager, agreement.id, command.year);
      if (reopenRefusal(statuses)) {
        throw new YearCloseError(
          YearCloseErrorCode.YEAR_NOT_CLOSED,
          `Contract year ${command.year} of agreement ${agreement.id} is not closed`,
        );
      }
      const close = await manager.findOneOrFail(ContractYearCloseEntity, {
        where: { agreementId: agreement.id, contractYear: command.year, status: 'CLOSED' },
      });
      const before = { ...close };
      close.status = 'REOPENED';
      close.reopenedAt = this.clock.now();
      close.reopenedBy = actor.userId;
      close.reopenReason = reason;
      await manager.save(close);
      const saved = await manager.findOneByOrFail(ContractYearCloseEntity, { id: close.id });
      await this.audit.record(manager, actor, {
        action: 'reconciliation.contract-year.reopened',
        entityType: 'ContractYearClose',
        entityId: saved.id,
        manufacturerId: agreement.manufacturerId,
        before,
        after: saved,
        comment: reason,
      });
      return saved;
    });
  }

  /** Every close of the agreement, newest first (history: reopened and superseded ones too). */
  async history(actor: Actor, agreementId: string): Promise<ContractYearCloseEntity[]> {
    const manager = this.dataSource.manager;
    await this.readableAgreement(manager, actor, agreementId);
    return manager.find(ContractYearCloseEntity, {
      where: { agreementId },
      order: { contractYear: 'DESC', createdAt: 'DESC' },
    });
  }

  /**
   * What each close appended per state (VOLUME and all components), for closes the caller
   * obtained through history(); state staff see their own state only.
   */
  async totalsOf(actor: Actor, closeIds: readonly string[]): Promise<Map<string, CloseStateTotals[]>> {
    const out = new Map<string, CloseStateTotals[]>();
    if (!closeIds.length) return out;
    const ownState = actor.role === Role.STATE_STAFF ? (actor.stateCode ?? '') : null;
    const rows = await this.dataSource.query<
      { cause_id: string; state_code: string; volume: string; total: string; entries: number }[]
    >(
      `SELECT cause_id, state_code, coalesce(sum(amount) FILTER (WHERE component = 'VOLUME'), 0)::text AS volume,
              sum(amount)::text AS total, count(*)::int AS entries
         FROM ledger_entry
        WHERE cause_type = 'YEAR_CLOSE' AND cause_id = ANY($1::text[]) AND ($2::text IS NULL OR state_code = $2)
        GROUP BY cause_id, state_code ORDER BY cause_id, state_code`,
      [closeIds, ownState],
    );
    for (const row of rows) {
      out.set(row.cause_id, [
        ...(out.get(row.cause_id) ?? []),
        { stateCode: row.state_code, volume: new Dec(row.volume), total: new Dec(row.total), entries: row.entries },
      ]);
    }
    return out;
  }

  private requireCoordinator(actor: Actor): void {
    if (!isCoordinator(actor)) throw forbidden('Only federal coordinators close and reopen contract years');
  }

  private requireYear(year: number): void {
    if (!Number.isInteger(year) || year < 1900 || year > 9999) {
      throw validationFailed([{ path: 'input.year', message: 'must be a calendar year' }]);
    }
  }

  private async executedAgreement(manager: EntityManager, actor: Actor, id: string): Promise<AgreementEntity> {
    const agreement = await this.agreements.findVisible(manager, actor, id, false);
    if (agreement.status !== AgreementStatus.EXECUTED && agreement.status !== AgreementStatus.EXPIRED) {
      throw new YearCloseError(
        YearCloseErrorCode.AGREEMENT_NOT_EXECUTED,
        `Agreement ${id} has not been executed (it is ${agreement.status})`,
      );
    }
    return agreement;
  }

  /** Coordinators, auditors, the agreement's manufacturer, and states that ever participated in it. */
  private async readableAgreement(manager: EntityManager, actor: Actor, id: string): Promise<AgreementEntity> {
    const agreement = await this.agreements.findVisible(manager, actor, id, false);
    if (readsEverything(actor) || actor.role === Role.MANUFACTURER_STAFF) return agreement;
    const rows = await manager.query<unknown[]>(
      'SELECT 1 FROM state_participation WHERE agreement_id = $1 AND state_code = $2 LIMIT 1',
      [id, actor.stateCode ?? ''],
    );
    if (!rows.length) throw notFound('Agreement', id);
    return agreement;
  }

  /** Closes of one agreement queue behind each other (LockClass.AGREEMENT, keyed by the id). */
  private async lockAgreement(manager: EntityManager, agreementId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LockClass.AGREEMENT, agreementId]);
  }

  private async statusesOf(manager: EntityManager, agreementId: string, year: number): Promise<YearCloseStatus[]> {
    const rows = await manager.find(ContractYearCloseEntity, {
      where: { agreementId, contractYear: year },
      select: { status: true },
    });
    return rows.map((r) => r.status);
  }

  /**
   * The states taking part in the agreement in year Y: a participation record overlapping Y, or
   * (should a record have been shortened since) an episode of the agreement dated in Y. States
   * that never participated have no ELIGIBLE episode of it (rebate-rules section 4 `U`), so they
   * neither count towards n nor get VOLUME; they are not locked or reconciled.
   */
  private async statesOfYear(
    manager: EntityManager,
    agreementId: string,
    year: number,
  ): Promise<{ stateCode: string; fipsCode: string }[]> {
    const { from, to } = contractYearBounds(year);
    const rows = await manager.query<{ usps_code: string; fips_code: string }[]>(
      `SELECT usps_code, fips_code FROM jurisdiction
        WHERE usps_code IN (
          SELECT state_code FROM state_participation
           WHERE agreement_id = $1 AND daterange(effective_from, effective_to, '[]') && daterange($2::date, $3::date, '[]')
          UNION
          SELECT state_code FROM episode WHERE agreement_id = $1 AND administration_date BETWEEN $2 AND $3)
        ORDER BY fips_code`,
      [agreementId, from, to],
    );
    return rows.map((r) => ({ stateCode: r.usps_code, fipsCode: r.fips_code }));
  }

  /** n (rebate-rules section 6): ELIGIBLE episodes of the agreement dated in the year, all states. */
  private async countEligible(manager: EntityManager, agreementId: string, year: number): Promise<number> {
    const { from, to } = contractYearBounds(year);
    const [row] = await manager.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM episode
        WHERE agreement_id = $1 AND status = 'ELIGIBLE' AND administration_date BETWEEN $2 AND $3`,
      [agreementId, from, to],
    );
    return row?.n ?? 0;
  }

  /** The tier reached under the volume tiers of the terms in force on the last day of the year. */
  private async tierReached(
    manager: EntityManager,
    agreementId: string,
    year: number,
    n: number,
  ): Promise<VolumeTier | null> {
    const executed = await this.agreements.executedTermsForReconciliation(manager);
    const agreement = executed.find((a) => a.agreementId === agreementId);
    const version = agreement ? termsInForce(agreement.versions, contractYearBounds(year).to) : null;
    return reachedVolumeTier(version?.terms.volumeTiers ?? [], n);
  }

  /** Inserts the close; a REOPENED close of the same year is superseded by it. Both audited. */
  private async storeClose(
    manager: EntityManager,
    actor: Actor,
    agreement: AgreementEntity,
    values: {
      year: number;
      eligibleEpisodes: number;
      tierMinTreatments: number | null;
      tierPct: Dec;
      closedOn: string;
    },
  ): Promise<ContractYearCloseEntity> {
    const reopened = await manager.findOne(ContractYearCloseEntity, {
      where: { agreementId: agreement.id, contractYear: values.year, status: 'REOPENED' },
    });
    if (reopened) {
      // The in-force index allows one non-superseded close: the old one steps aside first.
      const before = { ...reopened };
      reopened.status = 'SUPERSEDED';
      reopened.supersededBy = randomUUID();
      await manager.save(reopened);
      await this.audit.record(manager, actor, {
        action: 'reconciliation.contract-year.superseded',
        entityType: 'ContractYearClose',
        entityId: reopened.id,
        manufacturerId: agreement.manufacturerId,
        before,
        after: reopened,
      });
    }
    const saved = await manager.save(
      manager.create(ContractYearCloseEntity, {
        ...(reopened?.supersededBy ? { id: reopened.supersededBy } : {}),
        agreementId: agreement.id,
        contractYear: values.year,
        eligibleEpisodes: values.eligibleEpisodes,
        tierMinTreatments: values.tierMinTreatments,
        tierPct: values.tierPct,
        status: 'CLOSED',
        closedOn: values.closedOn,
        closedBy: actor.userId,
        closedByLabel: actor.label,
      }),
    );
    const close = await manager.findOneByOrFail(ContractYearCloseEntity, { id: saved.id });
    await this.audit.record(manager, actor, {
      action: 'reconciliation.contract-year.closed',
      entityType: 'ContractYearClose',
      entityId: close.id,
      manufacturerId: agreement.manufacturerId,
      after: close,
    });
    return close;
  }
}
