import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Dec, type IsoDate } from '@lib/common';
import type { LedgerCauseType } from '@lib/ledger';
import { DisputeEntity } from './entities/dispute.entity';
import { InterestRateEntity, StatementPaymentEntity } from './entities/payment.entity';
import type { StatementEntity } from './entities/statement.entity';
import type { MedicaidAgency } from './documents/statement-document';
import {
  compareStatementLines,
  type Component,
  type Dispute,
  type InterestRatePeriod,
  type LineCause,
  type Payment,
  type StatementLine,
  type StatementMoney,
} from './rules';

/** rebate-rules section 7 causes as a statement groups them (section 8). */
const CAUSE_OF: Record<LedgerCauseType, LineCause> = {
  SUBMISSION: 'CLAIMS',
  AMENDMENT: 'AMENDMENT',
  PARTICIPATION: 'PARTICIPATION_CHANGE',
  YEAR_CLOSE: 'YEAR_CLOSE',
  DISPUTE_RESOLUTION: 'DISPUTE_RESOLUTION',
  OBSERVATION: 'OBSERVATION',
};

/** A statement line with the episode it belongs to (dispute overrides are stored by episode id). */
export interface StoredStatementLine extends StatementLine {
  episodeId: string;
}

interface LineRow {
  line_id: string;
  episode_id: string;
  product: string;
  ndc11: string | null;
  episode_ref: string;
  administration_date: string;
  component: Component;
  service_quarter: string;
  cause_type: LedgerCauseType;
  amount: string;
}

/** A disputes row as the balance and interest rules read it (the disputes service owns the table). */
export function toDispute(row: DisputeEntity): Dispute {
  const resolution: Dispute['resolution'] =
    row.status === 'UPHELD'
      ? {
          outcome: 'UPHELD',
          resolvedOn: row.resolvedOn!,
          agreedAmount: row.agreedAmount!,
          note: row.resolutionNote ?? '',
        }
      : row.status === 'DENIED'
        ? { outcome: 'DENIED', resolvedOn: row.resolvedOn!, note: row.resolutionNote ?? '' }
        : null;
  return {
    disputeId: row.id,
    scope: row.scope === 'LINE' ? { kind: 'LINE', lineId: row.ledgerEntryId! } : { kind: 'STATEMENT' },
    code: row.code,
    note: row.note,
    openedOn: row.openedOn,
    resolution,
  };
}

function toLine(r: LineRow): StoredStatementLine {
  return {
    lineId: r.line_id,
    episodeId: r.episode_id,
    product: r.product,
    ndc11: r.ndc11 ?? '',
    episodeRef: r.episode_ref,
    administrationDate: r.administration_date,
    component: r.component,
    serviceQuarter: r.service_quarter,
    cause: CAUSE_OF[r.cause_type],
    amount: new Dec(r.amount),
  };
}

export function toPayment(row: StatementPaymentEntity): Payment {
  return { paymentId: row.id, receivedOn: row.receivedOn, amount: row.amount, reference: row.reference };
}

export function toRatePeriod(row: InterestRateEntity): InterestRatePeriod {
  return { effectiveFrom: row.effectiveFrom, effectiveTo: row.effectiveTo, annualRate: row.annualRate };
}

/**
 * Reads what a statement is made of: its lines (the ledger entries of its labeler, state and
 * statement quarter, with episode references only), payments, disputes and the interest table.
 */
@Injectable()
export class StatementReader {
  /** The lines of many statements in one SQL statement, each in statement order, by statement id. */
  async linesOf(manager: EntityManager, statementIds: readonly string[]): Promise<Map<string, StoredStatementLine[]>> {
    const byStatement = new Map<string, StoredStatementLine[]>(statementIds.map((id) => [id, []]));
    if (!statementIds.length) return byStatement;
    const rows: (LineRow & { statement_id: string })[] = await manager.query(
      `SELECT s.id AS statement_id, l.id::text AS line_id, l.episode_id, p.code AS product, l.ndc11, e.episode_ref,
              l.administration_date::text AS administration_date, l.component, l.service_quarter,
              l.cause_type, l.amount::text AS amount
         FROM statement s
         JOIN ledger_entry l
           ON l.labeler_code = s.labeler_code AND l.state_code = s.state_code AND l.statement_quarter = s.quarter
         JOIN episode e ON e.id = l.episode_id
         JOIN product p ON p.id = l.product_id
        WHERE s.id = ANY($1::uuid[])`,
      [statementIds],
    );
    for (const row of rows) byStatement.get(row.statement_id)?.push(toLine(row));
    for (const lines of byStatement.values()) lines.sort(compareStatementLines);
    return byStatement;
  }

  /** Payments of many statements in one SQL statement, by date received, by statement id. */
  async paymentRowsOf(
    manager: EntityManager,
    statementIds: readonly string[],
  ): Promise<Map<string, StatementPaymentEntity[]>> {
    const byStatement = new Map<string, StatementPaymentEntity[]>(statementIds.map((id) => [id, []]));
    if (!statementIds.length) return byStatement;
    const rows = await manager.find(StatementPaymentEntity, {
      where: { statementId: In([...statementIds]) },
      order: { receivedOn: 'ASC', createdAt: 'ASC' },
    });
    for (const row of rows) byStatement.get(row.statementId)?.push(row);
    return byStatement;
  }

  /** The lines in statement order (compareStatementLines); never a beneficiary id. */
  async lines(
    manager: EntityManager,
    statement: Pick<StatementEntity, 'labelerCode' | 'stateCode' | 'quarter'>,
  ): Promise<StoredStatementLine[]> {
    const rows: LineRow[] = await manager.query(
      `SELECT l.id::text AS line_id, l.episode_id, p.code AS product, l.ndc11, e.episode_ref,
              l.administration_date::text AS administration_date, l.component, l.service_quarter,
              l.cause_type, l.amount::text AS amount
         FROM ledger_entry l
         JOIN episode e ON e.id = l.episode_id
         JOIN product p ON p.id = l.product_id
        WHERE l.labeler_code = $1 AND l.state_code = $2 AND l.statement_quarter = $3`,
      [statement.labelerCode, statement.stateCode, statement.quarter],
    );
    return rows.map(toLine).sort(compareStatementLines);
  }

  async paymentRows(manager: EntityManager, statementId: string): Promise<StatementPaymentEntity[]> {
    return manager.find(StatementPaymentEntity, {
      where: { statementId },
      order: { receivedOn: 'ASC', createdAt: 'ASC' },
    });
  }

  async payments(manager: EntityManager, statementId: string): Promise<Payment[]> {
    return (await this.paymentRows(manager, statementId)).map(toPayment);
  }

  async disputes(manager: EntityManager, statementId: string): Promise<Dispute[]> {
    const rows = await manager.find(DisputeEntity, {
      where: { statementId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map(toDispute);
  }

  async rateRows(manager: EntityManager): Promise<InterestRateEntity[]> {
    return manager.find(InterestRateEntity, { order: { effectiveFrom: 'ASC' } });
  }

  async rates(manager: EntityManager): Promise<InterestRatePeriod[]> {
    return (await this.rateRows(manager)).map(toRatePeriod);
  }

  /** Lines, disputes and payments: what balances and interest are computed from. */
  async money(
    manager: EntityManager,
    statement: StatementEntity,
  ): Promise<StatementMoney & { lines: StoredStatementLine[] }> {
    const lines = await this.lines(manager, statement);
    const disputes = await this.disputes(manager, statement.id);
    const payments = await this.payments(manager, statement.id);
    return { lines, disputes, payments };
  }

  /** The manufacturer's legal name in force on `date` (for the statement document). */
  async manufacturerLegalName(manager: EntityManager, labelerCode: string, date: IsoDate): Promise<string> {
    const rows: { legal_name: string }[] = await manager.query(
      `SELECT n.legal_name FROM labeler_code lc
         JOIN manufacturer_name n ON n.manufacturer_id = lc.manufacturer_id
        WHERE lc.code = $1 AND n.effective_from <= $2 AND (n.effective_to IS NULL OR n.effective_to >= $2)
        ORDER BY n.effective_from DESC LIMIT 1`,
      [labelerCode, date],
    );
    return rows[0]?.legal_name ?? `Labeler ${labelerCode}`;
  }

  /** The state's name and its Medicaid agency's remittance details (null when none is on file). */
  async stateAgency(
    manager: EntityManager,
    stateCode: string,
  ): Promise<{ stateName: string; agency: MedicaidAgency | null }> {
    const rows: {
      name: string;
      agency_name: string | null;
      remit_attention: string | null;
      address_lines: string[] | null;
      email: string | null;
      phone: string | null;
      illustrative: boolean | null;
    }[] = await manager.query(
      `SELECT j.name, a.agency_name, a.remit_attention, a.address_lines, a.email, a.phone, a.illustrative
         FROM jurisdiction j LEFT JOIN medicaid_agency a ON a.state_code = j.usps_code
        WHERE j.usps_code = $1`,
      [stateCode],
    );
    const row = rows[0];
    if (!row) return { stateName: stateCode, agency: null };
    return {
      stateName: row.name,
      agency:
        row.agency_name === null
          ? null
          : {
              agencyName: row.agency_name,
              remitAttention: row.remit_attention ?? '',
              addressLines: row.address_lines ?? [],
              email: row.email,
              phone: row.phone,
              illustrative: row.illustrative ?? false,
            },
    };
  }

  /** The state's FIPS code: the key of its advisory lock. */
  async stateFips(manager: EntityManager, stateCode: string): Promise<number> {
    const rows: { fips_code: string }[] = await manager.query(
      'SELECT fips_code FROM jurisdiction WHERE usps_code = $1',
      [stateCode],
    );
    if (!rows.length) throw new Error(`Unknown jurisdiction ${stateCode}`);
    return Number(rows[0].fips_code);
  }
}
