import type { EntityManager } from 'typeorm';
import { Dec } from '@lib/common';
import type { LedgerCauseType } from '@lib/ledger';
import { DisputeEntity } from '../entities/dispute.entity';
import { StatementPaymentEntity } from '../entities/payment.entity';
import type { StatementEntity } from '../entities/statement.entity';
import { type Component, type Dispute, type LineCause, type Payment, type StatementLine } from '../rules';

/** A statement line with the episode it belongs to (overrides are stored by episode id). */
export interface StoredStatementLine extends StatementLine {
  episodeId: string;
}

const LINE_CAUSE: Record<LedgerCauseType, LineCause> = {
  SUBMISSION: 'CLAIMS',
  AMENDMENT: 'AMENDMENT',
  PARTICIPATION: 'PARTICIPATION_CHANGE',
  YEAR_CLOSE: 'YEAR_CLOSE',
  DISPUTE_RESOLUTION: 'DISPUTE_RESOLUTION',
  OBSERVATION: 'OBSERVATION',
};

/** The ledger entries of a statement: its labeler and state, statement quarter = its quarter. */
export async function readStatementLines(
  manager: EntityManager,
  statement: Pick<StatementEntity, 'labelerCode' | 'stateCode' | 'quarter'>,
): Promise<StoredStatementLine[]> {
  const rows = await manager.query<
    {
      id: string;
      episode_id: string;
      product: string;
      ndc11: string | null;
      episode_ref: string;
      administration_date: string;
      component: string;
      service_quarter: string;
      cause_type: LedgerCauseType;
      amount: string;
    }[]
  >(
    `SELECT l.id::text AS id, l.episode_id, p.code AS product, l.ndc11, e.episode_ref,
            l.administration_date::text AS administration_date, l.component, l.service_quarter, l.cause_type,
            l.amount::text AS amount
       FROM ledger_entry l
       JOIN episode e ON e.id = l.episode_id
       JOIN product p ON p.id = l.product_id
      WHERE l.labeler_code = $1 AND l.state_code = $2 AND l.statement_quarter = $3
      ORDER BY l.id`,
    [statement.labelerCode, statement.stateCode, statement.quarter],
  );
  return rows.map((r) => ({
    lineId: r.id,
    episodeId: r.episode_id,
    product: r.product,
    ndc11: r.ndc11 ?? '',
    episodeRef: r.episode_ref,
    administrationDate: r.administration_date,
    component: r.component as Component,
    serviceQuarter: r.service_quarter,
    cause: LINE_CAUSE[r.cause_type],
    amount: new Dec(r.amount),
  }));
}

/** A stored dispute as the pure rules see it. */
export function toRuleDispute(row: DisputeEntity): Dispute {
  const base = {
    disputeId: row.id,
    scope:
      row.scope === 'LINE' && row.ledgerEntryId !== null
        ? { kind: 'LINE' as const, lineId: row.ledgerEntryId }
        : { kind: 'STATEMENT' as const },
    code: row.code,
    note: row.note,
    openedOn: row.openedOn,
  };
  if (row.status === 'OPEN' || row.resolvedOn === null) return { ...base, resolution: null };
  if (row.status === 'UPHELD') {
    return {
      ...base,
      resolution: {
        outcome: 'UPHELD',
        resolvedOn: row.resolvedOn,
        note: row.resolutionNote ?? '',
        agreedAmount: row.agreedAmount ?? new Dec(0),
      },
    };
  }
  return { ...base, resolution: { outcome: 'DENIED', resolvedOn: row.resolvedOn, note: row.resolutionNote ?? '' } };
}

export async function readStatementDisputes(manager: EntityManager, statementId: string): Promise<DisputeEntity[]> {
  return manager.find(DisputeEntity, { where: { statementId }, order: { createdAt: 'ASC', id: 'ASC' } });
}

export async function readStatementPayments(manager: EntityManager, statementId: string): Promise<Payment[]> {
  const rows = await manager.find(StatementPaymentEntity, { where: { statementId }, order: { receivedOn: 'ASC' } });
  return rows.map((p) => ({ paymentId: p.id, receivedOn: p.receivedOn, amount: p.amount, reference: p.reference }));
}
