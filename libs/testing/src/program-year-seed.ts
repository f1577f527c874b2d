import { Client } from 'pg';

export interface ProgramYearShape {
  /** Episodes per (state, product); 56 jurisdictions x 2 products x 45 = 5,040 for the bench. */
  episodesPerStateProduct: number;
  /** Ledger entries per episode (the bench: 10, so 50,400). */
  entriesPerEpisode: number;
}

export const PROGRAM_YEAR: ProgramYearShape = { episodesPerStateProduct: 45, entriesPerEpisode: 10 };

export interface SeededProgramYear {
  episodes: number;
  ledgerEntries: number;
  statements: number;
  issued: number;
  payments: number;
  disputes: number;
}

/** The 8 statement quarters of the dataset; all but the last are issued. */
export const PROGRAM_QUARTERS = ['2025Q1', '2025Q2', '2025Q3', '2025Q4', '2026Q1', '2026Q2', '2026Q3', '2026Q4'];

/**
 * Seeds one program year's worth of reads (docs/architecture.md "Fast reads") straight into a migrated database, set-based
 * and deterministic: every jurisdiction x both products (Casgevy 51167, Lyfgenia 73554) x
 * episodes with ledger entries over 8 statement quarters (some late corrections on a later
 * quarter, some reversals), a statement per (labeler, state, quarter) issued 10 days after its
 * quarter ended except the last, payments (none, partial, full) and disputes (line and
 * statement, open, upheld and denied), and a two-period interest rate table. The ledger goes in
 * through plain INSERTs, so the triggers that keep read aggregates run as in production.
 */
export async function seedProgramYear(
  databaseUrl: string,
  userId: string,
  shape: ProgramYearShape = PROGRAM_YEAR,
): Promise<SeededProgramYear> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO episode (episode_key, episode_ref, state_code, product_id, labeler_code, index_icn, administration_date,
                            ndc11, paid, status, fingerprint, created_by_cause, updated_by_cause)
       SELECT 'bench:' || j.usps_code || ':' || p.code || ':' || n,
              'EP-' || j.usps_code || '-' || p.code || '-' || lpad(n::text, 5, '0'),
              j.usps_code, p.id, p.labeler_code, 'BENCH' || j.usps_code || p.code || n,
              DATE '2025-01-01' + ((n * 37 + ascii(j.usps_code)) % 728),
              (SELECT min(ndc11) FROM product_ndc WHERE product_id = p.id), 2200000, 'ELIGIBLE', 'bench', 'bench', 'bench'
         FROM jurisdiction j CROSS JOIN product p CROSS JOIN generate_series(1, $1::int) AS n`,
      [shape.episodesPerStateProduct],
    );
    // Entries: GUARANTEED first, then outcome corrections and reversals; the service quarter is
    // the administration's or a later one, and some land on the next statement (late corrections).
    await client.query(
      `INSERT INTO ledger_entry (episode_id, state_code, labeler_code, product_id, administration_date, ndc11, component,
                                 amount, service_quarter, statement_quarter, cause_type, cause_id)
       SELECT e.id, e.state_code, e.labeler_code, e.product_id, e.administration_date, e.ndc11,
              CASE WHEN k = 1 THEN 'GUARANTEED' WHEN k % 3 = 0 THEN 'VOLUME' ELSE 'OUTCOME:VOE12' END,
              CASE WHEN k = 1 THEN 220000.00
                   WHEN k % 4 = 0 THEN -(((k * 7919 + ascii(e.state_code)) % 5000000 + 1) / 100.0)
                   ELSE ((k * 104729 + ascii(e.state_code)) % 110000000 + 1) / 100.0 END,
              q.quarters[q.service], q.quarters[CASE WHEN k % 7 = 0 THEN least(8, q.service + 1) ELSE q.service END],
              'SUBMISSION', 'bench'
         FROM episode e CROSS JOIN generate_series(1, $1::int) AS k
         CROSS JOIN LATERAL (
           SELECT $2::text[] AS quarters,
                  least(8, (extract(year FROM e.administration_date)::int - 2025) * 4
                           + (extract(month FROM e.administration_date)::int - 1) / 3 + 1 + (k - 1) / 4) AS service
         ) AS q
        WHERE e.episode_key LIKE 'bench:%'`,
      [shape.entriesPerEpisode, PROGRAM_QUARTERS],
    );
    await client.query(
      `INSERT INTO statement (number, labeler_code, state_code, quarter)
       SELECT DISTINCT 'CGT-' || state_code || '-' || labeler_code || '-' || statement_quarter,
              labeler_code, state_code, statement_quarter
         FROM ledger_entry
       ON CONFLICT (labeler_code, state_code, quarter) DO NOTHING`,
    );
    // Issue every quarter but the last, 10 days after it ended, with its total frozen.
    await client.query(
      `UPDATE statement s SET status = 'ISSUED', issued_by = $1, issued_on = d.issued_on, due_on = d.issued_on + 37,
              total = t.total, line_count = t.line_count
         FROM (SELECT labeler_code, state_code, statement_quarter, sum(amount) AS total, count(*)::int AS line_count
                 FROM ledger_entry GROUP BY 1, 2, 3) t,
              LATERAL (SELECT (make_date(left(t.statement_quarter, 4)::int, right(t.statement_quarter, 1)::int * 3, 1)
                               + interval '1 month' + interval '9 days')::date AS issued_on) d
        WHERE t.labeler_code = s.labeler_code AND t.state_code = s.state_code AND t.statement_quarter = s.quarter
          AND s.quarter < $2`,
      [userId, PROGRAM_QUARTERS[PROGRAM_QUARTERS.length - 1]],
    );
    await client.query(
      `INSERT INTO ledger_period_close (labeler_code, state_code, quarter)
       SELECT labeler_code, state_code, quarter FROM statement WHERE issued_on IS NOT NULL ON CONFLICT DO NOTHING`,
    );
    await client.query(
      `INSERT INTO interest_rate (effective_from, effective_to, annual_rate, note)
       VALUES ('2024-01-01', '2026-05-31', 0.05, 'bench'), ('2026-06-01', NULL, 0.08, 'bench')
       ON CONFLICT DO NOTHING`,
    );
    // Payments: about 2 in 3 issued statements; the first partial (before or after the due date),
    // every other one settled in full by a second remittance.
    await client.query(
      `INSERT INTO statement_payment (statement_id, amount, received_on, reference, recorded_by)
       SELECT s.id, round(s.total * 0.4, 2), s.issued_on + (ascii(s.state_code) % 60), 'WIRE-A', $1::uuid
         FROM statement s WHERE s.issued_on IS NOT NULL AND s.total > 0 AND ascii(s.state_code) % 3 <> 0
       UNION ALL
       SELECT s.id, s.total - round(s.total * 0.4, 2), s.issued_on + 80 + (ascii(s.state_code) % 40), 'WIRE-B', $1::uuid
         FROM statement s WHERE s.issued_on IS NOT NULL AND s.total > 0 AND ascii(s.state_code) % 3 = 1
                            AND s.quarter < '2026Q2'`,
      [userId],
    );
    // Disputes: a line dispute on about 1 in 5 issued statements (open, upheld, denied in turn) and
    // a whole-statement one on a few more.
    await client.query(
      `INSERT INTO dispute (statement_id, scope, ledger_entry_id, code, note, disputed_amount, opened_on, opened_by, due_on,
                            status, resolved_on, resolved_by, resolution_note, agreed_amount)
       SELECT s.id, 'LINE', l.id, 'U', 'bench', l.amount, s.issued_on + 20, $1::uuid, s.issued_on + 80,
              v.status, CASE WHEN v.status = 'OPEN' THEN NULL ELSE s.issued_on + 50 END,
              CASE WHEN v.status = 'OPEN' THEN NULL ELSE $1::uuid END,
              CASE WHEN v.status = 'OPEN' THEN NULL ELSE 'bench' END,
              CASE WHEN v.status = 'UPHELD' THEN 0 END
         FROM statement s
         CROSS JOIN LATERAL (SELECT (ARRAY['OPEN', 'UPHELD', 'DENIED'])[1 + (ascii(s.state_code) + ascii(right(s.quarter, 1))) % 3] AS status) v
         CROSS JOIN LATERAL (SELECT id, amount FROM ledger_entry
                              WHERE labeler_code = s.labeler_code AND state_code = s.state_code
                                AND statement_quarter = s.quarter AND amount > 0 ORDER BY id LIMIT 1) l
        WHERE s.issued_on IS NOT NULL AND (ascii(s.state_code) + ascii(substr(s.state_code, 2))) % 5 = 0
       UNION ALL
       SELECT s.id, 'STATEMENT', NULL, 'O', 'bench', greatest(s.total, 0), s.issued_on + 30, $1::uuid, s.issued_on + 90,
              'OPEN', NULL, NULL, NULL, NULL
         FROM statement s
        WHERE s.issued_on IS NOT NULL AND (ascii(s.state_code) + ascii(substr(s.state_code, 2))) % 11 = 1`,
      [userId],
    );
    await client.query(
      `UPDATE statement s SET status = CASE
                WHEN EXISTS (SELECT 1 FROM dispute d WHERE d.statement_id = s.id AND d.status = 'OPEN') THEN 'DISPUTED'
                WHEN (SELECT coalesce(sum(amount), 0) FROM statement_payment p WHERE p.statement_id = s.id) >= s.total THEN 'PAID'
                WHEN EXISTS (SELECT 1 FROM statement_payment p WHERE p.statement_id = s.id) THEN 'PARTIALLY_PAID'
                ELSE s.status END
        WHERE s.issued_on IS NOT NULL`,
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');
    const [counts] = (
      await client.query<Record<keyof SeededProgramYear, number>>(
        `SELECT (SELECT count(*)::int FROM episode) AS episodes, (SELECT count(*)::int FROM ledger_entry) AS "ledgerEntries",
                (SELECT count(*)::int FROM statement) AS statements,
                (SELECT count(*)::int FROM statement WHERE issued_on IS NOT NULL) AS issued,
                (SELECT count(*)::int FROM statement_payment) AS payments, (SELECT count(*)::int FROM dispute) AS disputes`,
      )
    ).rows;
    return counts;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
