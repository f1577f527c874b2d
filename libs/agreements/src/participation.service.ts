import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '@lib/audit';
import {
  forbidden,
  isCoordinator,
  Role,
  validationFailed,
  type Actor,
  type FieldViolation,
  type IsoDate,
} from '@lib/common';
import { PG_EXCLUSION_VIOLATION, pgErrorCode } from '@lib/database';
import { JurisdictionsService } from '@lib/reference';
import { wasExecuted } from './agreement-access';
import { AgreementChangeNotifier, type ReconciliationRequestRef } from './agreement-change.notifier';
import { AgreementEntity, AgreementStatus, StateParticipationEntity } from './agreement.entities';
import { AgreementError, AgreementErrorCode } from './agreements.errors';
import { AgreementsService } from './agreements.service';

export interface JoinAgreementCommand {
  agreementId: string;
  stateCode: string;
  effectiveFrom: IsoDate;
  effectiveTo?: IsoDate | null;
  comment?: string | null;
}

export interface LeaveAgreementCommand {
  participationId: string;
  effectiveTo: IsoDate;
  comment?: string | null;
}

function overlap(): AgreementError {
  return new AgreementError(
    AgreementErrorCode.PARTICIPATION_OVERLAP,
    'The state already participates in this agreement during part of that period',
  );
}

/**
 * State participation: state staff opt their own state into an EXECUTED agreement
 * and leave it; coordinators may record either on a state's behalf.
 */
/** A participation as a change left it, with the reconciliation requests the change recorded. */
export interface ParticipationChange {
  participation: StateParticipationEntity;
  requests: ReconciliationRequestRef[];
}

@Injectable()
export class ParticipationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agreements: AgreementsService,
    private readonly jurisdictions: JurisdictionsService,
    private readonly audit: AuditService,
    private readonly notifier: AgreementChangeNotifier,
  ) {}

  async join(actor: Actor, command: JoinAgreementCommand): Promise<StateParticipationEntity> {
    return (await this.joinRequesting(actor, command)).participation;
  }

  /** `join`, answering also the reconciliation requests it recorded (the mutation shows them). */
  async joinRequesting(actor: Actor, command: JoinAgreementCommand): Promise<ParticipationChange> {
    const stateCode = command.stateCode.toUpperCase();
    this.requireActsFor(actor, stateCode);
    const saved = await this.write(async (manager) => {
      const agreement = await this.agreements.findVisible(manager, actor, command.agreementId, true);
      if (agreement.status !== AgreementStatus.EXECUTED) {
        throw new AgreementError(
          AgreementErrorCode.NOT_EXECUTED,
          wasExecuted(agreement)
            ? `Agreement ${agreement.id} has expired`
            : `States can only opt into an executed agreement (this one is ${agreement.status})`,
        );
      }
      const violations = await this.windowViolations(
        manager,
        agreement,
        command.effectiveFrom,
        command.effectiveTo ?? null,
      );
      if (!(await this.jurisdictions.findJurisdiction(stateCode))) {
        violations.unshift({ path: 'input.stateCode', message: `unknown state ${stateCode}` });
      }
      if (violations.length) throw validationFailed(violations);
      // The exclusion constraint is the guarantee; this check only answers without a failed INSERT.
      if (await this.overlaps(manager, agreement.id, stateCode, command.effectiveFrom, command.effectiveTo ?? null)) {
        throw overlap();
      }
      const participation = await manager.save(
        manager.create(StateParticipationEntity, {
          agreementId: agreement.id,
          stateCode,
          effectiveFrom: command.effectiveFrom,
          effectiveTo: command.effectiveTo ?? null,
        }),
      );
      await this.audit.record(manager, actor, {
        action: 'agreement.participation.joined',
        entityType: 'StateParticipation',
        entityId: participation.id,
        stateCode,
        manufacturerId: agreement.manufacturerId,
        after: participation,
        comment: command.comment ?? null,
      });
      return { participation, requests: await this.requestReconciliation(manager, participation) };
    });
    await this.notifier.enqueue(saved.requests);
    return saved;
  }

  /** Leaving sets the last day of participation (records are never deleted). */
  async leave(actor: Actor, command: LeaveAgreementCommand): Promise<StateParticipationEntity> {
    return (await this.leaveRequesting(actor, command)).participation;
  }

  /** `leave`, answering also the reconciliation requests it recorded. */
  async leaveRequesting(actor: Actor, command: LeaveAgreementCommand): Promise<ParticipationChange> {
    if (!isCoordinator(actor) && actor.role !== Role.STATE_STAFF) {
      throw forbidden('Only state staff and coordinators change participation');
    }
    const saved = await this.write(async (manager) => {
      const participation = await manager.findOne(StateParticipationEntity, {
        where: { id: command.participationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!participation || (!isCoordinator(actor) && participation.stateCode !== actor.stateCode)) {
        throw new AgreementError(
          AgreementErrorCode.PARTICIPATION_NOT_FOUND,
          `Participation ${command.participationId} was not found`,
        );
      }
      if (command.effectiveTo < participation.effectiveFrom) {
        throw validationFailed([{ path: 'input.effectiveTo', message: 'must not be before effectiveFrom' }]);
      }
      const before = { ...participation };
      participation.effectiveTo = command.effectiveTo;
      participation.updatedAt = new Date();
      const updated = await manager.save(participation);
      await this.audit.record(manager, actor, {
        action: 'agreement.participation.left',
        entityType: 'StateParticipation',
        entityId: participation.id,
        stateCode: participation.stateCode,
        before,
        after: updated,
        comment: command.comment ?? null,
      });
      return { participation: updated, requests: await this.requestReconciliation(manager, updated) };
    });
    await this.notifier.enqueue(saved.requests);
    return saved;
  }

  private requireActsFor(actor: Actor, stateCode: string): void {
    if (isCoordinator(actor)) return;
    if (actor.role === Role.STATE_STAFF && actor.stateCode === stateCode) return;
    throw forbidden('State staff opt in only their own state; coordinators may record it for any state');
  }

  /**
   * rebate-rules section 1: participation starts inside the enrollment window the agreement
   * governs, so it always names the agreement governing its product on that date (at
   * most one does); outside, the message names the agreement that governs then, if any.
   */
  private async windowViolations(
    manager: EntityManager,
    agreement: AgreementEntity,
    from: IsoDate,
    to: IsoDate | null,
  ): Promise<FieldViolation[]> {
    const out: FieldViolation[] = [];
    const { enrollmentStart: start, enrollmentEnd: end } = agreement;
    if (start && end && (from < start || from > end)) {
      const bound = from < start ? `before the enrollment start ${start}` : `after the enrollment end ${end}`;
      out.push({
        path: 'input.effectiveFrom',
        message: `must not be ${bound}${await this.governingOn(manager, agreement, from)}`,
      });
    }
    if (to !== null && to < from) out.push({ path: 'input.effectiveTo', message: 'must not be before effectiveFrom' });
    return out;
  }

  /** ` (agreement X governs the product on <date>)`, or nothing when no executed agreement does. */
  private async governingOn(manager: EntityManager, agreement: AgreementEntity, date: IsoDate): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM agreement
        WHERE product_id = $1 AND status = 'EXECUTED' AND id <> $2
          AND daterange(enrollment_start, enrollment_end, '[]') @> $3::date
        LIMIT 1`,
      [agreement.productId, agreement.id, date],
    );
    return rows.length ? ` (agreement ${rows[0].id} governs the product on ${date})` : '';
  }

  private async overlaps(
    manager: EntityManager,
    agreementId: string,
    stateCode: string,
    from: IsoDate,
    to: IsoDate | null,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM state_participation
        WHERE agreement_id = $1 AND state_code = $2
          AND daterange(effective_from, effective_to, '[]') && daterange($3::date, $4::date, '[]')
        LIMIT 1`,
      [agreementId, stateCode, from, to],
    );
    return rows.length > 0;
  }

  /** In the transaction of the change: the durable request to reconcile the state. */
  private requestReconciliation(
    manager: EntityManager,
    participation: StateParticipationEntity,
  ): Promise<ReconciliationRequestRef[]> {
    return this.notifier.agreementChanged(manager, {
      agreementId: participation.agreementId,
      stateCodes: [participation.stateCode],
      effectiveFrom: participation.effectiveFrom,
      causeId: participation.id,
      reason: 'PARTICIPATION_CHANGED',
    });
  }

  /** One transaction; an overlapping participation (exclusion constraint) is a CONFLICT. */
  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (pgErrorCode(error) === PG_EXCLUSION_VIOLATION) throw overlap();
      throw error;
    }
  }
}
