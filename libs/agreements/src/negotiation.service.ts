import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '@lib/audit';
import { forbidden, isCoordinator, validationFailed, type Actor, type FieldViolation, type IsoDate } from '@lib/common';
import { PG_EXCLUSION_VIOLATION, pgErrorCode } from '@lib/database';
import { ProductsService } from '@lib/reference';
import { negotiationSideOf } from './agreement-access';
import { AgreementChangeNotifier, type ReconciliationRequestRef } from './agreement-change.notifier';
import {
  AgreementEntity,
  AgreementStatus,
  AgreementVersionEntity,
  NegotiationAction,
  NegotiationSide,
  NegotiationStepEntity,
  StateParticipationEntity,
  VersionStatus,
} from './agreement.entities';
import { AgreementError, AgreementErrorCode } from './agreements.errors';
import { AgreementsService } from './agreements.service';
import { governedWindow, governingOverlap, governingOverlapMessage, type DateWindow } from './governing-agreement';
import type { TermSheet } from './term-sheet';
import { validateTermSheet } from './term-sheet.validation';
import { writeTerms } from './term-sheet.store';

export interface DraftAgreementCommand {
  productId: string;
  terms: TermSheet;
  comment?: string | null;
}

export interface ProposeVersionCommand {
  agreementId: string;
  terms: TermSheet;
  /** Amendments only: a new effective date (default: the one under negotiation). */
  effectiveFrom?: IsoDate | null;
  comment?: string | null;
}

export interface ProposeAmendmentCommand {
  agreementId: string;
  effectiveFrom: IsoDate;
  terms: TermSheet;
  comment?: string | null;
}

export interface AcceptVersionCommand {
  agreementId: string;
  versionNumber: number;
  comment?: string | null;
}

export interface AgreementStepCommand {
  agreementId: string;
  comment?: string | null;
}

/** What the audit trail keeps of a version (terms as plain JSON; decimals as strings). */
function versionView(version: AgreementVersionEntity, terms?: TermSheet) {
  return {
    versionNumber: version.versionNumber,
    amendmentNumber: version.amendmentNumber,
    amendmentEffectiveFrom: version.amendmentEffectiveFrom,
    status: version.status,
    ...(terms ? { terms } : {}),
  };
}

function agreementOverlap(message: string): AgreementError {
  return new AgreementError(AgreementErrorCode.AGREEMENT_OVERLAP, message);
}

function precondition(code: AgreementErrorCode, message: string): AgreementError {
  return new AgreementError(code, message);
}

/**
 * The negotiation: a coordinator drafts; either side proposes a new version or
 * accepts the current one; when both sides accepted the same version it is EXECUTED and frozen.
 * An amendment is a new negotiation on an executed agreement, in force from its effective date.
 * Every step is one transaction with its negotiation step and audit row.
 */
/** An agreement as a change left it, with the reconciliation requests the change recorded. */
export interface AgreementChange {
  agreement: AgreementEntity;
  requests: ReconciliationRequestRef[];
}

@Injectable()
export class NegotiationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agreements: AgreementsService,
    private readonly products: ProductsService,
    private readonly audit: AuditService,
    private readonly notifier: AgreementChangeNotifier,
  ) {}

  async draft(actor: Actor, command: DraftAgreementCommand): Promise<AgreementEntity> {
    if (!isCoordinator(actor)) throw forbidden('Only federal coordinators draft agreements');
    const violations = validateTermSheet(command.terms, 'input.terms');
    const product = await this.products.productById(command.productId);
    if (!product) violations.unshift({ path: 'input.productId', message: `unknown product ${command.productId}` });
    if (violations.length || !product) throw validationFailed(violations);
    return this.dataSource.transaction(async (manager) => {
      const agreement = await manager.save(
        manager.create(AgreementEntity, {
          manufacturerId: product.manufacturerId,
          productId: product.id,
          status: AgreementStatus.NEGOTIATING,
          executedAt: null,
        }),
      );
      const version = await this.insertVersion(manager, actor, agreement, NegotiationSide.COORDINATOR, {
        versionNumber: 1,
        amendmentNumber: 0,
        amendmentEffectiveFrom: null,
        terms: command.terms,
      });
      await this.step(
        manager,
        actor,
        agreement,
        version,
        NegotiationAction.DRAFTED,
        NegotiationSide.COORDINATOR,
        command.comment,
      );
      await this.audit.record(manager, actor, {
        action: 'agreement.drafted',
        entityType: 'Agreement',
        entityId: agreement.id,
        manufacturerId: agreement.manufacturerId,
        after: {
          productId: agreement.productId,
          status: agreement.status,
          version: versionView(version, command.terms),
        },
        comment: command.comment ?? null,
      });
      return agreement;
    });
  }

  /** A counter-offer: the open version is superseded by a new one with these terms. */
  async propose(actor: Actor, command: ProposeVersionCommand): Promise<AgreementEntity> {
    return this.dataSource.transaction(async (manager) => {
      const { agreement, side } = await this.openForStep(manager, actor, command.agreementId);
      const current = await this.openVersion(manager, agreement);
      const isAmendment = current.amendmentNumber > 0;
      const effectiveFrom = isAmendment ? (command.effectiveFrom ?? current.amendmentEffectiveFrom) : null;
      const violations = validateTermSheet(command.terms, 'input.terms');
      if (!isAmendment && command.effectiveFrom) {
        violations.push({ path: 'input.effectiveFrom', message: 'only amendments have an effective date' });
      }
      if (isAmendment && effectiveFrom) {
        violations.push(...(await this.amendmentDateViolations(manager, agreement, effectiveFrom, command.terms)));
      }
      if (violations.length) throw validationFailed(violations);
      const before = versionView(current);
      await this.setVersionStatus(manager, current, VersionStatus.SUPERSEDED);
      const version = await this.insertVersion(manager, actor, agreement, side, {
        versionNumber: await this.nextVersionNumber(manager, agreement),
        amendmentNumber: current.amendmentNumber,
        amendmentEffectiveFrom: effectiveFrom,
        terms: command.terms,
      });
      await this.step(manager, actor, agreement, version, NegotiationAction.PROPOSED, side, command.comment);
      await this.touch(manager, agreement);
      await this.audit.record(manager, actor, {
        action: 'agreement.version.proposed',
        entityType: 'Agreement',
        entityId: agreement.id,
        manufacturerId: agreement.manufacturerId,
        before,
        after: versionView(version, command.terms),
        comment: command.comment ?? null,
      });
      return agreement;
    });
  }

  /** Opens an amendment of an executed agreement: its terms apply from `effectiveFrom` once executed. */
  async proposeAmendment(actor: Actor, command: ProposeAmendmentCommand): Promise<AgreementEntity> {
    return this.dataSource.transaction(async (manager) => {
      const { agreement, side } = await this.openForStep(manager, actor, command.agreementId);
      if (agreement.status !== AgreementStatus.EXECUTED) {
        throw precondition(AgreementErrorCode.NOT_EXECUTED, 'Only an executed agreement can be amended');
      }
      if (
        await manager.existsBy(AgreementVersionEntity, { agreementId: agreement.id, status: VersionStatus.PROPOSED })
      ) {
        throw precondition(AgreementErrorCode.NEGOTIATION_ALREADY_OPEN, 'An amendment is already under negotiation');
      }
      const violations = [
        ...validateTermSheet(command.terms, 'input.terms'),
        ...(await this.amendmentDateViolations(manager, agreement, command.effectiveFrom, command.terms)),
      ];
      if (violations.length) throw validationFailed(violations);
      const last = await manager.findOne(AgreementVersionEntity, {
        where: { agreementId: agreement.id },
        order: { amendmentNumber: 'DESC' },
      });
      const version = await this.insertVersion(manager, actor, agreement, side, {
        versionNumber: await this.nextVersionNumber(manager, agreement),
        amendmentNumber: (last?.amendmentNumber ?? 0) + 1,
        amendmentEffectiveFrom: command.effectiveFrom,
        terms: command.terms,
      });
      await this.step(manager, actor, agreement, version, NegotiationAction.AMENDMENT_PROPOSED, side, command.comment);
      await this.touch(manager, agreement);
      await this.audit.record(manager, actor, {
        action: 'agreement.amendment.proposed',
        entityType: 'Agreement',
        entityId: agreement.id,
        manufacturerId: agreement.manufacturerId,
        after: versionView(version, command.terms),
        comment: command.comment ?? null,
      });
      return agreement;
    });
  }

  /**
   * One side accepts the open version. The second acceptance of the same version executes it:
   * the version is frozen (service and trigger) and, for the original, the agreement EXECUTED.
   */
  async accept(actor: Actor, command: AcceptVersionCommand): Promise<AgreementEntity> {
    return (await this.acceptRequesting(actor, command)).agreement;
  }

  /** `accept`, answering also the reconciliation requests an executed amendment recorded. */
  async acceptRequesting(actor: Actor, command: AcceptVersionCommand): Promise<AgreementChange> {
    let requests: ReconciliationRequestRef[] = [];
    const result = await this.executing(async (manager) => {
      const { agreement, side } = await this.openForStep(manager, actor, command.agreementId);
      const current = await this.openVersion(manager, agreement);
      if (current.versionNumber !== command.versionNumber) {
        throw precondition(
          AgreementErrorCode.VERSION_NOT_CURRENT,
          `Version ${command.versionNumber} is not the version under negotiation (that is ${current.versionNumber})`,
        );
      }
      const acceptances = await manager.findBy(NegotiationStepEntity, {
        versionId: current.id,
        action: NegotiationAction.ACCEPTED,
      });
      if (acceptances.some((a) => a.side === side)) {
        throw new AgreementError(
          AgreementErrorCode.ALREADY_ACCEPTED,
          `The ${side.toLowerCase()} side has already accepted version ${current.versionNumber}`,
        );
      }
      await this.step(manager, actor, agreement, current, NegotiationAction.ACCEPTED, side, command.comment);
      await this.audit.record(manager, actor, {
        action: 'agreement.version.accepted',
        entityType: 'Agreement',
        entityId: agreement.id,
        manufacturerId: agreement.manufacturerId,
        after: { versionNumber: current.versionNumber, side },
        comment: command.comment ?? null,
      });
      if (acceptances.length === 0) return agreement;

      // Both sides have accepted this version: execute it, if no other agreement governs its dates.
      const window = this.windowWith(agreement, current);
      await this.requireSoleGoverning(manager, agreement, window);
      const before = {
        status: agreement.status,
        enrollmentStart: agreement.enrollmentStart,
        enrollmentEnd: agreement.enrollmentEnd,
        version: versionView(current),
      };
      await this.setVersionStatus(manager, current, VersionStatus.EXECUTED);
      agreement.enrollmentStart = window.start;
      agreement.enrollmentEnd = window.end;
      if (current.amendmentNumber === 0) {
        agreement.status = AgreementStatus.EXECUTED;
        agreement.executedAt = current.executedAt;
      } else {
        // Reconciliation re-runs for the states the amended terms affect (outbox, same transaction).
        requests = await this.notifier.agreementChanged(manager, {
          agreementId: agreement.id,
          stateCodes: await this.participatingStates(manager, agreement.id),
          effectiveFrom: current.amendmentEffectiveFrom,
          causeId: current.id,
          reason: 'AMENDMENT_EXECUTED',
        });
      }
      await this.touch(manager, agreement);
      await this.step(manager, actor, agreement, current, NegotiationAction.EXECUTED, null, null);
      await this.audit.record(manager, actor, {
        action: current.amendmentNumber === 0 ? 'agreement.executed' : 'agreement.amendment.executed',
        entityType: 'Agreement',
        entityId: agreement.id,
        manufacturerId: agreement.manufacturerId,
        before,
        after: {
          status: agreement.status,
          enrollmentStart: agreement.enrollmentStart,
          enrollmentEnd: agreement.enrollmentEnd,
          version: versionView(current),
        },
      });
      return agreement;
    });
    await this.notifier.enqueue(requests);
    return { agreement: result, requests };
  }

  /** Withdraws the open negotiation: the whole agreement before execution, else the amendment. */
  async withdraw(actor: Actor, command: AgreementStepCommand): Promise<AgreementEntity> {
    return this.dataSource.transaction(async (manager) => {
      const { agreement, side } = await this.openForStep(manager, actor, command.agreementId);
      const current = await this.openVersion(manager, agreement);
      const before = { status: agreement.status, version: versionView(current) };
      await this.setVersionStatus(manager, current, VersionStatus.WITHDRAWN);
      if (current.amendmentNumber === 0) agreement.status = AgreementStatus.WITHDRAWN;
      await this.touch(manager, agreement);
      await this.step(manager, actor, agreement, current, NegotiationAction.WITHDRAWN, side, command.comment);
      await this.audit.record(manager, actor, {
        action: current.amendmentNumber === 0 ? 'agreement.withdrawn' : 'agreement.amendment.withdrawn',
        entityType: 'Agreement',
        entityId: agreement.id,
        manufacturerId: agreement.manufacturerId,
        before,
        after: { status: agreement.status, version: versionView(current) },
        comment: command.comment ?? null,
      });
      return agreement;
    });
  }

  /** Marks an executed agreement EXPIRED (coordinators); an open amendment is withdrawn with it. */
  async expire(actor: Actor, command: AgreementStepCommand): Promise<AgreementEntity> {
    return (await this.expireRequesting(actor, command)).agreement;
  }

  /** `expire`, answering also the reconciliation requests it recorded. */
  async expireRequesting(actor: Actor, command: AgreementStepCommand): Promise<AgreementChange> {
    if (!isCoordinator(actor)) throw forbidden('Only federal coordinators expire agreements');
    let requests: ReconciliationRequestRef[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const agreement = await this.agreements.findVisible(manager, actor, command.agreementId, true);
      if (agreement.status !== AgreementStatus.EXECUTED) {
        throw precondition(
          AgreementErrorCode.NOT_EXECUTED,
          `Only an executed agreement can expire (it is ${agreement.status})`,
        );
      }
      const open = await manager.findOneBy(AgreementVersionEntity, {
        agreementId: agreement.id,
        status: VersionStatus.PROPOSED,
      });
      if (open) {
        await this.setVersionStatus(manager, open, VersionStatus.WITHDRAWN);
      }
      agreement.status = AgreementStatus.EXPIRED;
      await this.touch(manager, agreement);
      await this.step(
        manager,
        actor,
        agreement,
        null,
        NegotiationAction.EXPIRED,
        NegotiationSide.COORDINATOR,
        command.comment,
      );
      await this.audit.record(manager, actor, {
        action: 'agreement.expired',
        entityType: 'Agreement',
        entityId: agreement.id,
        manufacturerId: agreement.manufacturerId,
        before: { status: AgreementStatus.EXECUTED },
        after: { status: agreement.status },
        comment: command.comment ?? null,
      });
      requests = await this.notifier.agreementChanged(manager, {
        agreementId: agreement.id,
        stateCodes: await this.participatingStates(manager, agreement.id),
        effectiveFrom: null,
        causeId: agreement.id,
        reason: 'AGREEMENT_EXPIRED',
      });
      return agreement;
    });
    await this.notifier.enqueue(requests);
    return { agreement: result, requests };
  }

  // ---- helpers ----

  /** The window the agreement governs once `version` executes too (an amendment may widen it). */
  private windowWith(agreement: AgreementEntity, version: AgreementVersionEntity): DateWindow {
    const executed =
      agreement.enrollmentStart && agreement.enrollmentEnd
        ? [{ enrollmentStart: agreement.enrollmentStart, enrollmentEnd: agreement.enrollmentEnd }]
        : [];
    return governedWindow([...executed, version]) as DateWindow;
  }

  /**
   * At most one executed, unexpired agreement governs a product on any date. Answers
   * AGREEMENT_OVERLAP naming the other agreement and the shared dates; the exclusion constraint
   * agreement_one_governing is the guarantee against a concurrent execution (see executing).
   */
  private async requireSoleGoverning(
    manager: EntityManager,
    agreement: AgreementEntity,
    window: DateWindow,
  ): Promise<void> {
    const executed = await manager.find(AgreementEntity, {
      where: { productId: agreement.productId, status: AgreementStatus.EXECUTED },
    });
    const overlap = governingOverlap(
      agreement.id,
      window,
      executed.flatMap((a) =>
        a.enrollmentStart && a.enrollmentEnd
          ? [{ agreementId: a.id, start: a.enrollmentStart, end: a.enrollmentEnd }]
          : [],
      ),
    );
    if (!overlap) return;
    const product = await this.products.productById(agreement.productId);
    throw agreementOverlap(
      governingOverlapMessage(product?.code ?? agreement.productId, agreement.id, window, overlap),
    );
  }

  /** A transaction that may execute a version: a concurrent execution the constraint refused is AGREEMENT_OVERLAP. */
  private async executing<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (pgErrorCode(error) === PG_EXCLUSION_VIOLATION) {
        throw agreementOverlap(
          'Another executed agreement for this product now governs part of this enrollment window ' +
            '(executed at the same time); at most one executed agreement governs a product on any date.',
        );
      }
      throw error;
    }
  }

  /** Locks a visible agreement and names the actor's side; auditors and states cannot negotiate. */
  private async openForStep(
    manager: EntityManager,
    actor: Actor,
    agreementId: string,
  ): Promise<{ agreement: AgreementEntity; side: NegotiationSide }> {
    const agreement = await this.agreements.findVisible(manager, actor, agreementId, true);
    const side = negotiationSideOf(actor, agreement);
    if (!side) throw forbidden('Only the coordinators and the manufacturer negotiate an agreement');
    return { agreement, side };
  }

  private async openVersion(manager: EntityManager, agreement: AgreementEntity): Promise<AgreementVersionEntity> {
    const open = await manager.findOneBy(AgreementVersionEntity, {
      agreementId: agreement.id,
      status: VersionStatus.PROPOSED,
    });
    if (!open) {
      throw precondition(
        AgreementErrorCode.NO_OPEN_NEGOTIATION,
        `Agreement ${agreement.id} has no version under negotiation (it is ${agreement.status})`,
      );
    }
    return open;
  }

  /** An amendment takes effect inside its enrollment window and after every earlier amendment. */
  private async amendmentDateViolations(
    manager: EntityManager,
    agreement: AgreementEntity,
    effectiveFrom: IsoDate,
    terms: TermSheet,
  ): Promise<FieldViolation[]> {
    const out: FieldViolation[] = [];
    if (effectiveFrom < terms.enrollmentStart || effectiveFrom > terms.enrollmentEnd) {
      out.push({ path: 'input.effectiveFrom', message: 'must fall inside the enrollment window of the terms' });
    }
    const latest = await manager.findOne(AgreementVersionEntity, {
      where: { agreementId: agreement.id, status: VersionStatus.EXECUTED },
      order: { amendmentNumber: 'DESC' },
    });
    if (latest?.amendmentEffectiveFrom && effectiveFrom <= latest.amendmentEffectiveFrom) {
      out.push({
        path: 'input.effectiveFrom',
        message: `must be after the effective date of the last executed amendment (${latest.amendmentEffectiveFrom})`,
      });
    }
    return out;
  }

  private async insertVersion(
    manager: EntityManager,
    actor: Actor,
    agreement: AgreementEntity,
    side: NegotiationSide,
    v: { versionNumber: number; amendmentNumber: number; amendmentEffectiveFrom: IsoDate | null; terms: TermSheet },
  ): Promise<AgreementVersionEntity> {
    const version = await manager.save(
      manager.create(AgreementVersionEntity, {
        agreementId: agreement.id,
        versionNumber: v.versionNumber,
        amendmentNumber: v.amendmentNumber,
        amendmentEffectiveFrom: v.amendmentEffectiveFrom,
        status: VersionStatus.PROPOSED,
        proposedBySide: side,
        proposedByLabel: actor.label,
        enrollmentStart: v.terms.enrollmentStart,
        enrollmentEnd: v.terms.enrollmentEnd,
        supplementalCapPct: v.terms.supplementalCapPct,
        executedAt: null,
      }),
    );
    await writeTerms(manager, version.id, v.terms);
    return version;
  }

  /**
   * The only way the service changes a version: a version that executed can never change
   * (the database refuses it too, trigger agreement_version_executed_frozen).
   */
  private async setVersionStatus(
    manager: EntityManager,
    version: AgreementVersionEntity,
    status: VersionStatus,
  ): Promise<void> {
    if (version.status === VersionStatus.EXECUTED) {
      throw new AgreementError(
        AgreementErrorCode.EXECUTED_VERSION_IMMUTABLE,
        `Version ${version.versionNumber} is executed and can never change`,
      );
    }
    version.status = status;
    if (status === VersionStatus.EXECUTED) version.executedAt = new Date();
    await manager.save(version);
  }

  private async nextVersionNumber(manager: EntityManager, agreement: AgreementEntity): Promise<number> {
    const last = await manager.findOne(AgreementVersionEntity, {
      where: { agreementId: agreement.id },
      order: { versionNumber: 'DESC' },
    });
    return (last?.versionNumber ?? 0) + 1;
  }

  private async step(
    manager: EntityManager,
    actor: Actor,
    agreement: AgreementEntity,
    version: AgreementVersionEntity | null,
    action: NegotiationAction,
    side: NegotiationSide | null,
    comment: string | null | undefined,
  ): Promise<void> {
    await manager.insert(NegotiationStepEntity, {
      agreementId: agreement.id,
      versionId: version?.id ?? null,
      action,
      side,
      actorUserId: actor.userId,
      actorLabel: actor.label,
      comment: comment ?? null,
    });
  }

  private async touch(manager: EntityManager, agreement: AgreementEntity): Promise<void> {
    agreement.updatedAt = new Date();
    await manager.save(agreement);
  }

  private async participatingStates(manager: EntityManager, agreementId: string): Promise<string[]> {
    const rows = await manager.find(StateParticipationEntity, { where: { agreementId }, order: { stateCode: 'ASC' } });
    return [...new Set(rows.map((p) => p.stateCode))];
  }
}
