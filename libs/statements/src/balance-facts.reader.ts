import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Dec } from '@lib/common';
import type {
  BalanceFacts,
  Dispute,
  DisputeCode,
  DisputeResolution,
  InterestRatePeriod,
  MoneyLine,
  Payment,
} from './rules';

/** A statement's balance facts and whether it was issued (balance-facts.ts). */
export interface StoredBalanceFacts extends BalanceFacts {
  statementId: string;
  issuedOn: string | null;
}

interface FactsRow {
  id: string;
  issued_on: string | null;
  total: string;
  /** [id, receivedOn, amount, reference] in the order the rules read payments. */
  payments: [string, string, string, string][];
  /** [id, scope, ledgerEntryId, code, openedOn, status, resolvedOn, agreedAmount, lineAmountOnThisStatement]. */
  disputes: [
    string,
    'LINE' | 'STATEMENT',
    string | null,
    DisputeCode,
    string,
    'OPEN' | 'UPHELD' | 'DENIED',
    string | null,
    string | null,
    string | null,
  ][];
}

/**
 * Reads balance facts set-based (docs/architecture.md "Fast reads"): one SQL statement for any number of statements, its
 * cost independent of how many lines they have. The total comes from ledger_statement_amount,
 * kept by a trigger in the transaction of every ledger insert (migration 1764200001000); payments
 * and disputes are read whole (a handful per statement), with the amount of each disputed line
 * that belongs to the statement. Orders match StatementReader's, so the rules see the same input.
 */
@Injectable()
export class BalanceFactsReader {
  async facts(manager: EntityManager, statementIds: readonly string[]): Promise<Map<string, StoredBalanceFacts>> {
    const found = new Map<string, StoredBalanceFacts>();
    if (!statementIds.length) return found;
    const rows: FactsRow[] = await manager.query(
      `SELECT s.id, s.issued_on::text AS issued_on,
              coalesce((SELECT sum(t.amount) FROM ledger_statement_amount t
                         WHERE t.labeler_code = s.labeler_code AND t.state_code = s.state_code
                           AND t.statement_quarter = s.quarter), 0)::text AS total,
              coalesce((SELECT json_agg(json_build_array(p.id, p.received_on, p.amount::text, p.reference)
                                        ORDER BY p.received_on, p.created_at)
                          FROM statement_payment p WHERE p.statement_id = s.id), '[]') AS payments,
              coalesce((SELECT json_agg(json_build_array(d.id, d.scope, d.ledger_entry_id::text, d.code, d.opened_on,
                                                         d.status, d.resolved_on, d.agreed_amount::text, l.amount::text)
                                        ORDER BY d.created_at, d.id)
                          FROM dispute d
                          LEFT JOIN ledger_entry l ON l.id = d.ledger_entry_id AND l.labeler_code = s.labeler_code
                                                  AND l.state_code = s.state_code AND l.statement_quarter = s.quarter
                         WHERE d.statement_id = s.id), '[]') AS disputes
         FROM statement s
        WHERE s.id = ANY($1::uuid[])`,
      [statementIds],
    );
    for (const row of rows) found.set(row.id, factsOf(row));
    return found;
  }

  /** The interest rate table, oldest first. */
  async rates(manager: EntityManager): Promise<InterestRatePeriod[]> {
    const rows: { effective_from: string; effective_to: string | null; annual_rate: string }[] = await manager.query(
      `SELECT effective_from::text, effective_to::text, annual_rate::text FROM interest_rate ORDER BY effective_from`,
    );
    return rows.map((r) => ({
      effectiveFrom: r.effective_from,
      effectiveTo: r.effective_to,
      annualRate: new Dec(r.annual_rate),
    }));
  }
}

function factsOf(row: FactsRow): StoredBalanceFacts {
  const payments: Payment[] = row.payments.map(([paymentId, receivedOn, amount, reference]) => ({
    paymentId,
    receivedOn,
    amount: new Dec(amount),
    reference,
  }));
  const disputedLines = new Map<string, MoneyLine>();
  const disputes: Dispute[] = row.disputes.map(
    ([disputeId, scope, lineId, code, openedOn, status, resolvedOn, agreed, lineAmount]) => {
      if (lineId !== null && lineAmount !== null) disputedLines.set(lineId, { lineId, amount: new Dec(lineAmount) });
      const resolution: DisputeResolution | null =
        status === 'UPHELD'
          ? { outcome: 'UPHELD', resolvedOn: resolvedOn!, agreedAmount: new Dec(agreed!), note: '' }
          : status === 'DENIED'
            ? { outcome: 'DENIED', resolvedOn: resolvedOn!, note: '' }
            : null;
      return {
        disputeId,
        scope: scope === 'LINE' ? { kind: 'LINE', lineId: lineId! } : { kind: 'STATEMENT' },
        code,
        note: '',
        openedOn,
        resolution,
      };
    },
  );
  return {
    statementId: row.id,
    issuedOn: row.issued_on,
    total: new Dec(row.total),
    disputedLines: [...disputedLines.values()],
    disputes,
    payments,
  };
}
