import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@lib/audit';
import { addDays, Clock, compareDates, forbidden, Role, type Actor, type Dec, type IsoDate } from '@lib/common';
import { InterestRateEntity } from './entities/payment.entity';
import { StatementReader } from './statement-reader';
import { StatementError, StatementErrorCode } from './statements.errors';

export interface SetInterestRateCommand {
  effectiveFrom: IsoDate;
  annualRate: Dec;
  note: string;
}

/** Serialises changes to the rate table (a transaction-scoped advisory lock key of its own). */
const RATE_TABLE_LOCK = 71_050;

function refused(message: string): StatementError {
  return new StatementError(StatementErrorCode.INTEREST_RATE_REFUSED, message);
}

/**
 * The coordinator-managed table of annual interest rates (README "Statements and payments"). A new rate is in force from
 * its date until the next one: setting it closes the open-ended period the day before. The table
 * only grows at its end: a rate may not start on or before the latest period's start (that would
 * overlap or rewrite it), and once a table exists a new rate may not start before today, so the
 * interest already shown on issued statements for past days never changes retroactively. The
 * very first rate may start at any date (setting up the history).
 */
@Injectable()
export class InterestRatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: StatementReader,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Every role that reads statements reads the rates. */
  async list(actor: Actor): Promise<InterestRateEntity[]> {
    if (actor.role === 'SYSTEM' || Object.values(Role).includes(actor.role)) {
      return this.reader.rateRows(this.dataSource.manager);
    }
    throw forbidden('Interest rates are not visible to this role');
  }

  async set(actor: Actor, command: SetInterestRateCommand): Promise<InterestRateEntity> {
    if (actor.role !== Role.FEDERAL_COORDINATOR && actor.role !== 'SYSTEM') {
      throw forbidden('Only federal coordinators set interest rates');
    }
    if (command.annualRate.isNegative() || command.annualRate.greaterThanOrEqualTo(1)) {
      throw new StatementError(
        StatementErrorCode.INTEREST_RATE_INVALID,
        'annualRate: a fraction from 0 up to (not including) 1, e.g. 0.05 for 5 %',
      );
    }
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [RATE_TABLE_LOCK]);
      const rates = await this.reader.rateRows(manager);
      const latest = rates.at(-1);
      if (latest) {
        if (compareDates(command.effectiveFrom, latest.effectiveFrom) <= 0) {
          throw refused(
            `effectiveFrom: the latest rate is in force from ${latest.effectiveFrom}; a new rate must start after it (the table is never rewritten)`,
          );
        }
        if (latest.effectiveTo !== null && compareDates(command.effectiveFrom, latest.effectiveTo) <= 0) {
          throw refused(`effectiveFrom: overlaps the period ending ${latest.effectiveTo}`);
        }
        const today = this.clock.today();
        if (compareDates(command.effectiveFrom, today) < 0) {
          throw refused(
            `effectiveFrom: ${command.effectiveFrom} is in the past; interest already accrued on issued statements is never recomputed`,
          );
        }
        if (latest.effectiveTo === null) {
          const closedOn = addDays(command.effectiveFrom, -1);
          await manager.update(InterestRateEntity, { id: latest.id }, { effectiveTo: closedOn });
          await this.audit.record(manager, actor, {
            action: 'interest-rate.closed',
            entityType: 'interest_rate',
            entityId: latest.id,
            before: { effectiveTo: null },
            after: { effectiveTo: closedOn },
          });
        }
      }
      const rate = await manager.save(
        manager.create(InterestRateEntity, {
          effectiveFrom: command.effectiveFrom,
          effectiveTo: null,
          annualRate: command.annualRate,
          note: command.note.trim(),
          createdBy: actor.userId,
          createdAt: new Date(),
        }),
      );
      await this.audit.record(manager, actor, {
        action: 'interest-rate.set',
        entityType: 'interest_rate',
        entityId: rate.id,
        after: { effectiveFrom: rate.effectiveFrom, annualRate: rate.annualRate.toString(), note: rate.note },
      });
      return rate;
    });
  }
}
