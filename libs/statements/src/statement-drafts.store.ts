import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StatementDrafts, type StatementPeriod } from '@lib/ledger';
import { statementNumber } from './rules';

/**
 * Creates the DRAFT statement of each period a ledger entry lands on (the ledger asks through its
 * StatementDrafts port, in the reconciliation's transaction); numbered by `statementNumber()`.
 */
@Injectable()
export class StatementDraftStore extends StatementDrafts {
  async ensureDrafts(manager: EntityManager, periods: readonly StatementPeriod[]): Promise<void> {
    if (!periods.length) return;
    await manager.query(
      `INSERT INTO statement (number, labeler_code, state_code, quarter)
       SELECT s.number, s.labeler_code, s.state_code, s.quarter
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS s(number, labeler_code, state_code, quarter)
       ON CONFLICT (labeler_code, state_code, quarter) DO NOTHING`,
      [
        periods.map((p) => statementNumber({ state: p.stateCode, labelerCode: p.labelerCode, quarter: p.quarter })),
        periods.map((p) => p.labelerCode),
        periods.map((p) => p.stateCode),
        periods.map((p) => p.quarter),
      ],
    );
  }
}
