import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@lib/audit';
import {
  Clock,
  compareDates,
  forbidden,
  formatMoney,
  Role,
  type Actor,
  type Dec,
  type IsoDate,
  ownsLabeler,
} from '@lib/common';
import { pgErrorCode, PG_UNIQUE_VIOLATION } from '@lib/database';
import { StatementCreditEntity, StatementPaymentEntity } from './entities/payment.entity';
import type { StatementEntity } from './entities/statement.entity';
import { paymentAmountViolation, paymentStateOf, splitPayment, statementBalances } from './rules';
import { StatementReader } from './statement-reader';
import { StatementStatusStore } from './statement-status.store';
import { StatementError, StatementErrorCode } from './statements.errors';
import { StatementsService } from './statements.service';

export interface RecordPaymentCommand {
  statementId: string;
  amount: Dec;
  receivedOn: IsoDate;
  reference: string;
  /**
   * Says the amount may exceed what is outstanding: the excess is kept as a statement credit
   * (README "Statements and payments"). Without it such a payment is refused.
   */
  overpayment?: boolean;
}

export interface RecordedPayment {
  statement: StatementEntity;
  /** The part applied to the statement; null when nothing was outstanding (all of it is credit). */
  payment: StatementPaymentEntity | null;
  credit: StatementCreditEntity | null;
}

function refused(message: string): StatementError {
  return new StatementError(StatementErrorCode.PAYMENT_REFUSED, message);
}

/**
 * Remittances against an issued statement (README "Statements and payments"), recorded by the owning manufacturer or a
 * coordinator. The status follows where payments stand (paymentStateOf): PARTIALLY_PAID or PAID,
 * or stays DISPUTED while disputes are open.
 */
@Injectable()
export class StatementPaymentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statements: StatementsService,
    private readonly reader: StatementReader,
    private readonly status: StatementStatusStore,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async record(actor: Actor, command: RecordPaymentCommand): Promise<RecordedPayment> {
    const visible = await this.statements.get(actor, command.statementId);
    const mayRecord =
      actor.role === Role.FEDERAL_COORDINATOR ||
      (await ownsLabeler(this.dataSource.manager, actor, visible.labelerCode));
    if (!mayRecord)
      throw forbidden('Payments are recorded by the manufacturer owning the labeler code or a coordinator');
    const reference = command.reference.trim();
    const today = this.clock.today();
    const violation = paymentAmountViolation(command.amount);
    if (violation !== null) {
      throw new StatementError(StatementErrorCode.PAYMENT_AMOUNT_INVALID, violation);
    }
    if (compareDates(command.receivedOn, today) > 0)
      throw refused(`receivedOn: ${command.receivedOn} is in the future`);
    return this.dataSource
      .transaction(async (manager) => {
        const statement = await this.status.lock(manager, command.statementId);
        if (statement.issuedOn === null) throw refused(`${statement.number} has not been issued; nothing is due yet`);
        if (compareDates(command.receivedOn, statement.issuedOn) < 0) {
          throw refused(`receivedOn: ${command.receivedOn} is before the statement was issued (${statement.issuedOn})`);
        }
        const existing =
          (await manager.findOne(StatementPaymentEntity, { where: { statementId: statement.id, reference } })) ??
          (await manager.findOne(StatementCreditEntity, { where: { statementId: statement.id, reference } }));
        if (existing) {
          throw refused(
            `A payment with reference "${reference}" is already recorded on ${statement.number} (${formatMoney(existing.amount)} received ${existing.receivedOn})`,
          );
        }
        // What is still owed once every payment recorded so far counts (none is in the future).
        const before = statementBalances(await this.reader.money(manager, statement), today);
        const split = splitPayment(command.amount, before.outstanding, command.overpayment === true);
        if (!split.ok) throw refused(`${statement.number}: ${split.reason}`);
        const { applied, credit: excess } = split.value;
        const createdAt = new Date();
        const payment = applied.greaterThan(0)
          ? await manager.save(
              manager.create(StatementPaymentEntity, {
                statementId: statement.id,
                amount: applied,
                receivedOn: command.receivedOn,
                reference,
                recordedBy: actor.userId!,
                createdAt,
              }),
            )
          : null;
        const credit = excess.greaterThan(0)
          ? await manager.save(
              manager.create(StatementCreditEntity, {
                statementId: statement.id,
                paymentId: payment?.id ?? null,
                labelerCode: statement.labelerCode,
                stateCode: statement.stateCode,
                amount: excess,
                receivedOn: command.receivedOn,
                reference,
                recordedBy: actor.userId!,
                createdAt,
              }),
            )
          : null;
        await this.audit.record(manager, actor, {
          action: 'statement-payment.recorded',
          entityType: 'statement_payment',
          entityId: payment?.id ?? credit!.id,
          after: {
            statementId: statement.id,
            amount: formatMoney(applied),
            received: formatMoney(command.amount),
            credit: formatMoney(excess),
            outstandingBefore: formatMoney(before.outstanding),
            receivedOn: command.receivedOn,
            reference,
          },
          stateCode: statement.stateCode,
        });
        if (payment === null) return { statement, payment, credit };
        const money = await this.reader.money(manager, statement);
        const paid = paymentStateOf(statementBalances(money, today));
        const updated = await this.status.apply(manager, actor, statement, {
          type: 'PAYMENT_RECORDED',
          paid: paid === 'NONE' ? 'PARTIAL' : paid,
        });
        return { statement: updated, payment, credit };
      })
      .catch((error: unknown) => {
        if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
          throw refused(`A payment with reference "${reference}" is already recorded on this statement`);
        }
        throw error;
      });
  }
}
