import { statementSummary } from './safe-query-logger';

describe('statementSummary: the verb and table of a statement, never its values', () => {
  it.each<[string, RegExp]>([
    ['INSERT INTO outcome_observation (evidence_ref) VALUES ($1)', /^INSERT INTO outcome_observation #[0-9a-f]{12}$/],
    ["  select * from episode where msis_id = 'MSIS1'", /^SELECT #[0-9a-f]{12}$/],
    ['UPDATE "claim_submission" SET a = $1', /^UPDATE claim_submission #[0-9a-f]{12}$/],
    ['COPY claim_stage_header (a, b) FROM STDIN', /^COPY claim_stage_header #[0-9a-f]{12}$/],
    ["'MSIS1'", /^SQL #[0-9a-f]{12}$/],
  ])('%s', (query, expected) => {
    const summary = statementSummary(query);
    expect(summary).toMatch(expected);
    expect(summary).not.toContain('MSIS1');
  });

  it('tells different statements apart', () => {
    expect(statementSummary('SELECT 1')).not.toBe(statementSummary('SELECT 2'));
  });
});
