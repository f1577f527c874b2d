import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@lib/audit';
import {
  Clock,
  compareDates,
  decimalPlaces,
  ErrorCategory,
  forbidden,
  formatMoney,
  Role,
  type Actor,
  type Dec,
  type IsoDate,
  ownsLabeler,
} from '@lib/common';
import { pgErrorCode, PG_UNIQUE_VIOLATION } from '@lib/database';
import { StatementPaymentEntity } from './entities/payment.entity';
import type { StatementEntity } from './entities/statement.entity';
import { paymentStateOf, statementBalances } from './rules';
import { StatementReader } from './statement-reader';
import { StatementStatusStore } from './statement-status.store';
import { StatementError, StatementErrorCode } from './statements.errors';
import { StatementsService } from './statements.service';

export interface RecordPaymentCommand {
  statementId: string;
  amount: Dec;
  receivedOn: IsoDate;
  reference: string;
}

function refused(message: string): StatementError {
  return new StatementError(ErrorCategory.CONFLICT, StatementErrorCode.PAYMENT_REFUSED, message);
}

/**
 * Remittances against an issued statement (issue 5), recorded by the owning manufacturer or a
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

  async record(
    actor: Actor,
    command: RecordPaymentCommand,
  ): Promise<{ statement: StatementEntity; payment: StatementPaymentEntity }> {
    const visible = await this.statements.get(actor, command.statementId);
    const mayRecord =
      actor.role === Role.FEDERAL_COORDINATOR ||
      (await ownsLabeler(this.dataSource.manager, actor, visible.labelerCode));
    if (!mayRecord)
      throw forbidden('Payments are recorded by the manufacturer owning the labeler code or a coordinator');
    const reference = command.reference.trim();
    const today = this.clock.today();
    if (!command.amount.greaterThan(0) || decimalPlaces(command.amount) > 2) {
      throw new StatementError(
        ErrorCategory.BAD_USER_INPUT,
        StatementErrorCode.PAYMENT_REFUSED,
        'amount: must be greater than 0, in cents',
      );
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
        const existing = await manager.findOne(StatementPaymentEntity, {
          where: { statementId: statement.id, reference },
        });
        if (existing) {
          throw refused(
            `A payment with reference "${reference}" is already recorded on ${statement.number} (${formatMoney(existing.amount)} received ${existing.receivedOn})`,
          );
        }
        const payment = await manager.save(
          manager.create(StatementPaymentEntity, {
            statementId: statement.id,
            amount: command.amount,
            receivedOn: command.receivedOn,
            reference,
            recordedBy: actor.userId!,
            createdAt: new Date(),
          }),
        );
        const money = await this.reader.money(manager, statement);
        const paid = paymentStateOf(statementBalances(money, today));
        await this.audit.record(manager, actor, {
          action: 'statement-payment.recorded',
          entityType: 'statement_payment',
          entityId: payment.id,
          after: {
            statementId: statement.id,
            amount: formatMoney(payment.amount),
            receivedOn: payment.receivedOn,
            reference,
          },
          stateCode: statement.stateCode,
        });
        const updated = await this.status.apply(manager, actor, statement, {
          type: 'PAYMENT_RECORDED',
          paid: paid === 'NONE' ? 'PARTIAL' : paid,
        });
        return { statement: updated, payment };
      })
      .catch((error: unknown) => {
        if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
          throw refused(`A payment with reference "${reference}" is already recorded on this statement`);
        }
        throw error;
      });
  }
}
