import { Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { SafeQueryLogger, statementSummary } from './safe-query-logger';

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

describe('SafeQueryLogger.logQueryError', () => {
  const failure = (code: string, message: string) =>
    new QueryFailedError('SELECT claim_digest_year_table($1)', ['MSIS1'], Object.assign(new Error(message), { code }));

  afterEach(() => jest.restoreAllMocks());

  it('warns of a failed statement with its summary and redacted error, never its parameters', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    new SafeQueryLogger().logQueryError(failure('23505', 'duplicate key value'), 'SELECT claim_digest_year_table($1)');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][1]).toBe('Query failed');
    expect(JSON.stringify(warn.mock.calls[0][0])).not.toContain('MSIS1');
  });

  it('notes a statement cancelled on request (pg_cancel_backend) without a warning; a statement timeout still warns', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const logger = new SafeQueryLogger();
    const cancelled = 'canceling statement due to user request';
    // TypeORM passes the driver's error; a QueryFailedError is read the same way.
    logger.logQueryError(Object.assign(new Error(cancelled), { code: '57014' }), 'SELECT claim_digest_year_table($1)');
    logger.logQueryError(failure('57014', cancelled), 'SELECT claim_digest_year_table($1)');
    expect(warn).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledTimes(2);
    expect(log).toHaveBeenCalledWith(
      { statement: statementSummary('SELECT claim_digest_year_table($1)') },
      'Query cancelled on request',
    );
    logger.logQueryError(failure('57014', 'canceling statement due to statement timeout'), 'SELECT 1');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][1]).toBe('Query failed');
  });
});
