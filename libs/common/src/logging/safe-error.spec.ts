import { redactDatabaseMessage, safeError, safeErrorMessage, withoutDatabaseValues } from './safe-error';

/** What TypeORM throws: the driver's fields copied onto the wrapper, plus the statement and its parameters. */
function queryFailed(message: string, fields: Record<string, unknown>): Error {
  const driverError = Object.assign(new Error(message), { severity: 'ERROR', ...fields });
  return Object.assign(new Error(message), {
    name: 'QueryFailedError',
    query: 'INSERT INTO outcome_observation (evidence_ref) VALUES ($1)',
    parameters: ['MSIS-PLANTED Jane Doe 1990-01-01'],
    driverError,
    ...fields,
  });
}

describe('redactDatabaseMessage: values go, schema names stay (README "Security")', () => {
  it.each<[string, string]>([
    ['invalid input syntax for type uuid: "MSIS-PLANTED"', 'invalid input syntax for type uuid: "[redacted]"'],
    [
      'new row for relation "episode" violates check constraint "phi_probe"',
      'new row for relation "episode" violates check constraint "phi_probe"',
    ],
    ['invalid byte sequence for encoding "UTF8": 0x00', 'invalid byte sequence for encoding "UTF8": 0x00'],
    [`invalid input value for enum status: "MSIS'1"`, 'invalid input value for enum status: "[redacted]"'],
    ["syntax error at or near 'MSIS-PLANTED'", 'syntax error at or near "[redacted]"'],
    [
      'null value in column "msis_id" of relation "episode" violates not-null constraint',
      'null value in column "msis_id" of relation "episode" violates not-null constraint',
    ],
  ])('%s', (message, expected) => {
    expect(redactDatabaseMessage(message)).toBe(expected);
  });
});

describe('safeError', () => {
  const error = queryFailed('invalid input syntax for type uuid: "MSIS-PLANTED"', {
    code: '22P02',
    detail: 'Failing row contains (MSIS-PLANTED, Jane Doe).',
    where: 'COPY claim_stage_header, line 3: "MSIS-PLANTED|..."',
    table: 'episode',
    constraint: 'phi_probe',
  });

  it('keeps type, SQLSTATE, schema names and frames; never parameters, detail, where or the value', () => {
    const safe = safeError(error);
    expect(safe).toMatchObject({
      type: 'QueryFailedError',
      message: 'invalid input syntax for type uuid: "[redacted]"',
      sqlState: '22P02',
      table: 'episode',
      constraint: 'phi_probe',
    });
    expect(safe.stack).toMatch(/^QueryFailedError: invalid input syntax for type uuid: "\[redacted\]"\n\s+at /);
    expect(JSON.stringify(safe)).not.toMatch(/PLANTED|Jane/);
  });

  it('follows causes, and keeps ordinary errors as they are but for their extra properties', () => {
    const wrapped = Object.assign(new Error('reconcile failed', { cause: error }), { payload: 'MSIS-PLANTED' });
    const safe = safeError(wrapped);
    expect(safe.message).toBe('reconcile failed');
    expect(safe.cause?.sqlState).toBe('22P02');
    expect(JSON.stringify(safe)).not.toContain('PLANTED');
    expect(safeError('MSIS-PLANTED')).toEqual({ type: 'string', message: '[non-error value]' });
  });

  it('a one-line message for stderr and job failure reasons', () => {
    expect(safeErrorMessage(error)).toBe('invalid input syntax for type uuid: "[redacted]" (SQLSTATE 22P02)');
    const forQueue = withoutDatabaseValues(error) as Error;
    expect(forQueue).toBeInstanceOf(Error);
    expect(JSON.stringify({ ...forQueue, message: forQueue.message, stack: forQueue.stack })).not.toContain('PLANTED');
    const plain = new Error('plain');
    expect(withoutDatabaseValues(plain)).toBe(plain);
  });
});
