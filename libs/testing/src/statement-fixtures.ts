import { queryRows } from './sql';

export interface IssueStatementForTest {
  labelerCode: string;
  stateCode: string;
  quarter: string;
  issuedOn: string;
}

/**
 * TEST FIXTURE, not the product's issuing: does in SQL what issuing a statement does (status
 * ISSUED, issue and due dates (issue + 37 days), total and line count from its ledger entries,
 * and the closed ledger period so later entries land on the next open quarter), for tests of
 * what happens after issue. Creates the statement row if no entry has made it yet.
 */
export async function issueStatementForTest(
  databaseUrl: string,
  s: IssueStatementForTest,
): Promise<{ id: string; number: string; total: string; lineCount: number }> {
  const params = [s.labelerCode, s.stateCode, s.quarter];
  await queryRows(
    databaseUrl,
    `INSERT INTO statement (number, labeler_code, state_code, quarter)
     VALUES ('CGT-' || $2 || '-' || $1 || '-' || $3, $1, $2, $3)
     ON CONFLICT (labeler_code, state_code, quarter) DO NOTHING`,
    params,
  );
  const [row] = await queryRows<{ id: string; number: string; total: string; line_count: number }>(
    databaseUrl,
    `UPDATE statement s SET status = 'ISSUED', issued_on = $4::date, due_on = $4::date + 37,
            total = t.total, line_count = t.line_count, updated_at = now()
       FROM (SELECT coalesce(sum(amount), 0) AS total, count(*)::int AS line_count
               FROM ledger_entry WHERE labeler_code = $1 AND state_code = $2 AND statement_quarter = $3) t
      WHERE s.labeler_code = $1 AND s.state_code = $2 AND s.quarter = $3 AND s.status = 'DRAFT'
      RETURNING s.id, s.number, s.total::text AS total, s.line_count`,
    [...params, s.issuedOn],
  );
  if (!row) throw new Error(`Statement ${s.stateCode} ${s.labelerCode} ${s.quarter} is not a DRAFT`);
  await queryRows(
    databaseUrl,
    `INSERT INTO ledger_period_close (labeler_code, state_code, quarter) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    params,
  );
  return { id: row.id, number: row.number, total: row.total, lineCount: row.line_count };
}
