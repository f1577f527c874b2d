import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Dec, sumDecimals, ZERO, type IsoDate, type Quarter } from '@lib/common';
import type { LedgerCauseType } from './ledger-entry.entity';
import { StatementDrafts } from './statement-drafts.port';
import { statementQuarterOf } from './statement-quarter';

/** What one reconciliation appends: a signed delta for an episode component. */
export interface NewLedgerEntry {
  episodeId: string;
  stateCode: string;
  labelerCode: string;
  productId: string;
  administrationDate: IsoDate;
  ndc11: string | null;
  component: string;
  amount: Dec;
}

export interface LedgerCause {
  type: LedgerCauseType;
  id: string;
  /** The quarter of the submission's START-OF-TIME-PERIOD, or of the change (rebate-rules section 7). */
  serviceQuarter: Quarter;
}

/**
 * The append-only ledger (rebate-rules section 7). Entries are only ever added; a correction is
 * a new entry. Callers hold the state's advisory lock, which also serialises statement issuing.
 */
@Injectable()
export class LedgerService {
  constructor(private readonly drafts: StatementDrafts) {}

  /** Sum of entries so far per episode and component. */
  async sumsByEpisode(manager: EntityManager, episodeIds: readonly string[]): Promise<Map<string, Map<string, Dec>>> {
    const sums = new Map<string, Map<string, Dec>>();
    if (!episodeIds.length) return sums;
    const rows: { episode_id: string; component: string; total: string }[] = await manager.query(
      `SELECT episode_id, component, sum(amount)::text AS total
         FROM ledger_entry WHERE episode_id = ANY($1::uuid[])
        GROUP BY episode_id, component`,
      [episodeIds],
    );
    for (const row of rows) {
      const byComponent = sums.get(row.episode_id) ?? new Map<string, Dec>();
      byComponent.set(row.component, new Dec(row.total));
      sums.set(row.episode_id, byComponent);
    }
    return sums;
  }

  /** Quarters whose statement period is closed for (labeler, state): entries skip them. */
  async closedQuarters(manager: EntityManager, labelerCode: string, stateCode: string): Promise<Quarter[]> {
    const rows: { quarter: string }[] = await manager.query(
      'SELECT quarter FROM ledger_period_close WHERE labeler_code = $1 AND state_code = $2',
      [labelerCode, stateCode],
    );
    return rows.map((r) => r.quarter);
  }

  /** Closes a statement period (its statement was issued); idempotent. */
  async closePeriod(manager: EntityManager, labelerCode: string, stateCode: string, quarter: Quarter): Promise<void> {
    await manager.query(
      `INSERT INTO ledger_period_close (labeler_code, state_code, quarter) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [labelerCode, stateCode, quarter],
    );
  }

  /** Appends entries in one statement; each lands on the first open statement quarter. */
  async append(
    manager: EntityManager,
    cause: LedgerCause,
    entries: readonly NewLedgerEntry[],
  ): Promise<{ count: number; sum: Dec }> {
    if (!entries.length) return { count: 0, sum: ZERO };
    const statementQuarters = new Map<string, Quarter>();
    for (const entry of entries) {
      const key = `${entry.labelerCode}|${entry.stateCode}`;
      if (!statementQuarters.has(key)) {
        const closed = await this.closedQuarters(manager, entry.labelerCode, entry.stateCode);
        statementQuarters.set(key, statementQuarterOf(cause.serviceQuarter, closed));
      }
    }
    // Each (labeler, state, statement quarter) an entry lands on has a statement: DRAFT until issued.
    await this.drafts.ensureDrafts(
      manager,
      [...statementQuarters].map(([key, quarter]) => {
        const [labelerCode = '', stateCode = ''] = key.split('|');
        return { labelerCode, stateCode, quarter };
      }),
    );
    await manager.query(
      `INSERT INTO ledger_entry (episode_id, state_code, labeler_code, product_id, administration_date, ndc11,
                                 component, amount, service_quarter, statement_quarter, cause_type, cause_id)
       SELECT e.episode_id, e.state_code, e.labeler_code, e.product_id, e.administration_date, e.ndc11,
              e.component, e.amount, $9, e.statement_quarter, $10, $11
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::date[], $6::text[], $7::text[], $8::numeric[], $12::text[])
           AS e(episode_id, state_code, labeler_code, product_id, administration_date, ndc11, component, amount, statement_quarter)`,
      [
        entries.map((e) => e.episodeId),
        entries.map((e) => e.stateCode),
        entries.map((e) => e.labelerCode),
        entries.map((e) => e.productId),
        entries.map((e) => e.administrationDate),
        entries.map((e) => e.ndc11),
        entries.map((e) => e.component),
        entries.map((e) => e.amount.toFixed(2)),
        cause.serviceQuarter,
        cause.type,
        cause.id,
        entries.map((e) => statementQuarters.get(`${e.labelerCode}|${e.stateCode}`)),
      ],
    );
    return { count: entries.length, sum: sumDecimals(entries.map((e) => e.amount)) };
  }
}
