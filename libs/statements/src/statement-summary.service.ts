import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Dec, sumDecimals, ZERO, type Actor, type IsoDate } from '@lib/common';
import { compareComponents } from '@lib/reconciliation';
import { compareText } from './rules/ordering';
import type { Component } from './rules';
import { StatementsService, type StatementFilter } from './statements.service';

/** Ledger amounts of one (quarter, state, product, component). */
export interface SummaryAmountRow {
  quarter: string;
  stateCode: string;
  labelerCode: string;
  product: string;
  component: string;
  amount: Dec;
  lineCount: number;
}

/** Money of the statements of one (quarter, state). */
export interface SummaryBalanceRow {
  quarter: string;
  stateCode: string;
  statements: number;
  issued: number;
  billed: Dec;
  paid: Dec;
  disputed: Dec;
  outstanding: Dec;
  outstandingUndisputed: Dec;
  interestOwed: Dec;
}

export interface StatementSummary {
  asOf: IsoDate;
  amounts: SummaryAmountRow[];
  balances: SummaryBalanceRow[];
  total: Dec;
  outstanding: Dec;
  interestOwed: Dec;
}

/**
 * Cross-state summaries (README "Statements and payments"): amounts per quarter, state, product and component, and per
 * quarter and state what was billed, paid, disputed, outstanding and the interest owed. Scoped
 * like statements: coordinators and auditors all, manufacturers their labelers, states their own.
 */
@Injectable()
export class StatementSummaryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statements: StatementsService,
  ) {}

  async summary(actor: Actor, filter: StatementFilter, asOf?: IsoDate): Promise<StatementSummary> {
    const day = asOf ?? this.statements.today();
    const statements = await this.statements.all(actor, filter);
    const rows: {
      quarter: string;
      state_code: string;
      labeler_code: string;
      product: string;
      component: string;
      amount: string;
      line_count: number;
    }[] = statements.length
      ? await this.dataSource.query(
          // Per statement, product and component: the trigger-kept sums (migration 1764200001000).
          `SELECT t.statement_quarter AS quarter, t.state_code, t.labeler_code, p.code AS product, t.component,
                  sum(t.amount)::text AS amount, sum(t.line_count)::int AS line_count
             FROM ledger_statement_amount t
             JOIN unnest($1::text[], $2::text[], $3::text[]) AS s(labeler_code, state_code, quarter)
               ON s.labeler_code = t.labeler_code AND s.state_code = t.state_code AND s.quarter = t.statement_quarter
             JOIN product p ON p.id = t.product_id
            GROUP BY 1, 2, 3, 4, 5`,
          [statements.map((s) => s.labelerCode), statements.map((s) => s.stateCode), statements.map((s) => s.quarter)],
        )
      : [];
    const amounts = rows
      .map((r) => ({
        quarter: r.quarter,
        stateCode: r.state_code,
        labelerCode: r.labeler_code,
        product: r.product,
        component: r.component,
        amount: new Dec(r.amount),
        lineCount: r.line_count,
      }))
      .sort(
        (a, b) =>
          compareText(a.quarter, b.quarter) ||
          compareText(a.stateCode, b.stateCode) ||
          compareText(a.product, b.product) ||
          compareComponents(a.component as Component, b.component as Component),
      );

    const views = await this.statements.balancesOf(
      statements.map((st) => st.id),
      day,
    );
    const byQuarterState = new Map<string, SummaryBalanceRow>();
    for (const statement of statements) {
      const account = views.get(statement.id)!;
      const key = `${statement.quarter}|${statement.stateCode}`;
      const row = byQuarterState.get(key) ?? {
        quarter: statement.quarter,
        stateCode: statement.stateCode,
        statements: 0,
        issued: 0,
        billed: ZERO,
        paid: ZERO,
        disputed: ZERO,
        outstanding: ZERO,
        outstandingUndisputed: ZERO,
        interestOwed: ZERO,
      };
      const b = account.balances;
      byQuarterState.set(key, {
        ...row,
        statements: row.statements + 1,
        issued: row.issued + (statement.issuedOn === null ? 0 : 1),
        billed: row.billed.plus(b.total),
        paid: row.paid.plus(b.paid),
        disputed: row.disputed.plus(b.disputed),
        outstanding: row.outstanding.plus(b.outstanding),
        outstandingUndisputed: row.outstandingUndisputed.plus(b.outstandingUndisputed),
        interestOwed: row.interestOwed.plus(account.interest?.interest ?? ZERO),
      });
    }
    const balances = [...byQuarterState.values()].sort(
      (a, b) => compareText(a.quarter, b.quarter) || compareText(a.stateCode, b.stateCode),
    );
    return {
      asOf: day,
      amounts,
      balances,
      total: sumDecimals(amounts.map((a) => a.amount)),
      outstanding: sumDecimals(balances.map((b) => b.outstanding)),
      interestOwed: sumDecimals(balances.map((b) => b.interestOwed)),
    };
  }
}
