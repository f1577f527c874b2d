import { RecordProblemReason as R } from './parse-problems';
import { claimFile, collect, otClaim, withFields } from './claim-file-test-kit';

/**
 * Every record-level rule of the profile ("Records", "Keys and coded values", "What is wrong"),
 * each with good and bad values. The file is: file header (record 1), claim header (2), a line
 * (3) and a diagnosis (4) of the same claim version.
 */

type Segment = 'header' | 'line' | 'diagnosis';

interface FieldCase {
  readonly segment: Segment;
  readonly field: number;
  readonly value: string;
  readonly reason: R | null;
  /** Apply the change to all three claim records (a version key field). */
  readonly key?: boolean;
  readonly inpatient?: boolean;
  /** Other fields to change on the same record(s). */
  readonly also?: Readonly<Record<number, string>>;
}

const RECORD_INDEX: Readonly<Record<Segment, number>> = { header: 0, line: 1, diagnosis: 2 };

function cases(
  segment: Segment,
  field: number,
  values: readonly (readonly [string, R | null])[],
  extra: Partial<FieldCase> = {},
): FieldCase[] {
  return values.map(([value, reason]) => ({ segment, field, value, reason, ...extra }));
}

const DATES: readonly (readonly [string, R | null])[] = [
  ['20260310', null],
  ['20240229', null],
  ['20000229', null],
  ['20230229', R.INVALID_DATE],
  ['19000229', R.INVALID_DATE],
  ['20260230', R.INVALID_DATE],
  ['20260431', R.INVALID_DATE],
  ['20261301', R.INVALID_DATE],
  ['20260001', R.INVALID_DATE],
  ['00000101', R.INVALID_DATE],
  ['2026031', R.INVALID_DATE],
  ['202603101', R.INVALID_DATE],
  ['2026-03-10', R.INVALID_DATE],
  ['03/10/2026', R.INVALID_DATE],
];
const OPTIONAL_DATES: readonly (readonly [string, R | null])[] = [['', null], ...DATES];

const AMOUNTS: readonly (readonly [string, R | null])[] = [
  ['', null],
  ['0', null],
  ['2200000.00', null],
  ['-15.5', null],
  ['7.1', null],
  ['1.234', R.INVALID_AMOUNT],
  ['1,000.00', R.INVALID_AMOUNT],
  ['.50', R.INVALID_AMOUNT],
  ['5.', R.INVALID_AMOUNT],
  ['+5', R.INVALID_AMOUNT],
  ['-', R.INVALID_AMOUNT],
  ['12a', R.INVALID_AMOUNT],
  ['1 000', R.INVALID_AMOUNT],
  ['1'.repeat(16), R.INVALID_AMOUNT],
];

const QUANTITIES: readonly (readonly [string, R | null])[] = [
  ['', null],
  ['1', null],
  ['0.125', null],
  ['-2.5', null],
  ['1.2345', R.INVALID_QUANTITY],
  ['one', R.INVALID_QUANTITY],
  ['1.', R.INVALID_QUANTITY],
];

const REQUIRED_INTEGER: readonly (readonly [string, R | null])[] = [
  ['7', null],
  ['007', null],
  ['123456789012345', null],
  ['', R.REQUIRED_BLANK],
  ['1234567890123456', R.INVALID_INTEGER],
  ['-1', R.INVALID_INTEGER],
  ['1.0', R.INVALID_INTEGER],
  ['x1', R.INVALID_INTEGER],
];

const ADJUSTMENT: readonly (readonly [string, R | null])[] = [
  ['0', null],
  ['5', null],
  ['6', null],
  ['', R.REQUIRED_BLANK],
  ['2', R.INVALID_CODE],
  ['3', R.INVALID_CODE],
  ['9', R.INVALID_CODE],
  ['00', R.INVALID_CODE],
  ['V', R.INVALID_CODE],
];

const ALL_CASES: FieldCase[] = [
  // P00002 claim header
  ...cases('header', 2, [
    ['36', null],
    ['', R.REQUIRED_BLANK],
    ['13', R.STATE_MISMATCH],
    ['93', R.STATE_MISMATCH],
  ]),
  ...cases('header', 3, REQUIRED_INTEGER),
  ...cases('header', 4, [
    ['', R.REQUIRED_BLANK],
    ['I'.repeat(101), R.FIELD_TOO_LONG],
  ]),
  ...cases(
    'header',
    4,
    [
      ['X', null],
      ['I'.repeat(100), null],
    ],
    { key: true },
  ),
  ...cases('header', 5, [['NY2026032800003', R.ICN_ADJ_NOT_ALLOWED]], { key: true }),
  ...cases('header', 6, DATES, { key: true }),
  ...cases('header', 6, [['', R.REQUIRED_BLANK]], { key: true }),
  ...cases('header', 7, ADJUSTMENT, { key: true }),
  ...cases('header', 5, [['', R.ICN_ADJ_REQUIRED]], { key: true, also: { 7: '1' } }),
  ...cases('header', 5, [['', R.ICN_ADJ_REQUIRED]], { key: true, also: { 7: '4' } }),
  ...cases(
    'header',
    7,
    [
      ['1', null],
      ['4', null],
      ['5', null],
    ],
    { key: true, also: { 5: 'NY2026032800003' } },
  ),
  ...cases('header', 8, [
    ['M1', null],
    ['', R.REQUIRED_BLANK],
    ['M'.repeat(101), R.FIELD_TOO_LONG],
  ]),
  ...cases('header', 9, [
    ...['1', '2', '3', '4', '5', 'A', 'B', 'C', 'D', 'E', 'U', 'V', 'W', 'X', 'Y', 'Z'].map(
      (code) => [code, null] as const,
    ),
    ['', R.REQUIRED_BLANK],
    ['6', R.INVALID_CODE],
    ['F', R.INVALID_CODE],
    ['a', R.INVALID_CODE],
    ['11', R.INVALID_CODE],
  ]),
  ...cases('header', 10, [
    ['F1', null],
    ['F2', null],
    ['P3', null],
    ['', R.REQUIRED_BLANK],
    ['F', R.INVALID_CODE],
    ['F22', R.INVALID_CODE],
  ]),
  ...cases('header', 11, [
    ['', null],
    ['0', null],
    ['1', null],
    ['2', R.INVALID_CODE],
    ['Y', R.INVALID_CODE],
  ]),
  ...cases('header', 12, [
    ['', null],
    ['1234567893', null],
    ['123456789', R.INVALID_FORMAT],
    ['12345678901', R.INVALID_FORMAT],
    ['123456789A', R.INVALID_FORMAT],
  ]),
  ...cases('header', 13, [
    ['', null],
    ['20260309', R.ADMISSION_DATE_NOT_ALLOWED],
  ]),
  ...cases(
    'header',
    13,
    [
      ['20260309', null],
      ['', R.REQUIRED_BLANK],
      ['20260231', R.INVALID_DATE],
    ],
    { inpatient: true },
  ),
  ...cases('header', 14, OPTIONAL_DATES),
  ...cases('header', 15, OPTIONAL_DATES),
  ...cases('header', 16, OPTIONAL_DATES),
  ...cases('header', 17, [
    ['', null],
    ['PLAN 7', null],
    ['P'.repeat(101), R.FIELD_TOO_LONG],
  ]),
  ...cases('header', 18, AMOUNTS),
  // P00003 claim line
  ...cases('line', 2, [
    ['', R.REQUIRED_BLANK],
    ['37', R.STATE_MISMATCH],
  ]),
  ...cases('line', 3, REQUIRED_INTEGER),
  ...cases('line', 4, [['', R.REQUIRED_BLANK]]),
  ...cases('line', 6, [
    ['', R.REQUIRED_BLANK],
    ['20260399', R.INVALID_DATE],
  ]),
  ...cases('line', 7, ADJUSTMENT.slice(3)),
  ...cases('line', 5, [['NY2026032800003', R.ICN_ADJ_NOT_ALLOWED]]),
  ...cases('line', 5, [['', R.ICN_ADJ_REQUIRED]], { also: { 7: '1' } }),
  ...cases('line', 8, REQUIRED_INTEGER),
  ...cases('line', 9, [
    ['', null],
    ['0892', null],
    ['892', R.INVALID_FORMAT],
    ['08920', R.INVALID_FORMAT],
    ['08A2', R.INVALID_FORMAT],
  ]),
  ...cases('line', 10, [
    ['', null],
    ['99213', null],
    ['P'.repeat(101), R.FIELD_TOO_LONG],
  ]),
  ...cases('line', 11, [
    ['', null],
    ['51167029009', null],
    ['5116729009', null],
    ['not an ndc', null],
  ]),
  ...cases('line', 12, QUANTITIES),
  ...cases('line', 13, [
    ...['', 'EA', 'UN', 'ML', 'F2', 'GR', 'ME'].map((code) => [code, null] as const),
    ['XX', R.INVALID_CODE],
    ['E', R.INVALID_CODE],
    ['EAA', R.INVALID_CODE],
    ['ea', R.INVALID_CODE],
  ]),
  ...cases('line', 14, QUANTITIES),
  ...cases('line', 15, OPTIONAL_DATES),
  ...cases('line', 16, OPTIONAL_DATES),
  ...cases('line', 17, AMOUNTS),
  // P00004 claim diagnosis
  ...cases('diagnosis', 2, [
    ['', R.REQUIRED_BLANK],
    ['01', R.STATE_MISMATCH],
  ]),
  ...cases('diagnosis', 3, REQUIRED_INTEGER),
  ...cases('diagnosis', 4, [['', R.REQUIRED_BLANK]]),
  ...cases('diagnosis', 6, [['', R.REQUIRED_BLANK]]),
  ...cases('diagnosis', 7, [
    ['', R.REQUIRED_BLANK],
    ['2', R.INVALID_CODE],
  ]),
  ...cases('diagnosis', 5, [['', R.ICN_ADJ_REQUIRED]], { also: { 7: '4' } }),
  ...cases('diagnosis', 8, REQUIRED_INTEGER),
  ...cases('diagnosis', 9, [
    ['D5700', null],
    ['', R.REQUIRED_BLANK],
    ['D'.repeat(101), R.FIELD_TOO_LONG],
  ]),
  ...cases('diagnosis', 10, [
    ['', null],
    ['02', null],
    ['01', R.INVALID_CODE],
    ['2', R.INVALID_CODE],
    ['002', R.INVALID_CODE],
  ]),
];

function fileFor(c: FieldCase): string {
  const prefix = c.inpatient ? 'CIP' : 'COT';
  const records = otClaim('NY2026030100017', 1, prefix);
  const change = { ...c.also, [c.field]: c.value };
  const targets = c.key ? [0, 1, 2] : [RECORD_INDEX[c.segment]];
  for (const index of targets) records[index] = withFields(records[index], change);
  return claimFile(records, { prefix, fileName: c.inpatient ? 'CLAIMIP' : 'CLAIMOT' });
}

describe('record-level rules', () => {
  it.each(
    ALL_CASES.map(
      (c) => [`${c.inpatient ? 'CIP ' : ''}${c.segment} field ${c.field} "${c.value.slice(0, 20)}"`, c] as const,
    ),
  )('%s', async (_name, c) => {
    const { result, problems } = await collect(fileFor(c));
    expect(result.ok).toBe(true);
    if (c.reason === null) {
      expect(problems).toEqual([]);
      return;
    }
    const position = RECORD_INDEX[c.segment] + 2;
    const atRecord = problems.filter((p) => p.position === position);
    expect(atRecord).toContainEqual(expect.objectContaining({ reason: c.reason, fieldNumber: c.field }));
    expect(result.counts.skippedRecords).toBeGreaterThanOrEqual(1);
    for (const problem of atRecord) {
      expect(problem.message.length).toBeGreaterThan(10);
      expect(problem.value === null || problem.value.length <= 63).toBe(true);
    }
  });

  it.each([
    ['header', 0, 17],
    ['header', 0, 19],
    ['line', 1, 16],
    ['line', 1, 18],
    ['diagnosis', 2, 9],
    ['diagnosis', 2, 11],
  ] as const)('a %s with the wrong number of fields (%#: %i fields) is skipped', async (_segment, index, count) => {
    const records = otClaim();
    const fields = records[index].split('|');
    while (fields.length < count) fields.push('');
    records[index] = fields.slice(0, count).join('|');
    const { result, problems } = await collect(claimFile(records));
    expect(result.ok).toBe(true);
    expect(problems.find((p) => p.position === index + 2)).toMatchObject({
      reason: R.FIELD_COUNT,
      fieldNumber: null,
      recordId: records[index].slice(0, 8),
      recordNumber: index + 1,
      icnOrig: 'NY2026030100017',
    });
  });

  it.each([
    ['COT00009', R.UNKNOWN_RECORD_TYPE],
    ['COT0002', R.UNKNOWN_RECORD_TYPE],
    ['cot00002', R.UNKNOWN_RECORD_TYPE],
    ['hello world', R.UNKNOWN_RECORD_TYPE],
    ['', R.REQUIRED_BLANK],
  ])('RECORD-ID "%s" is a record-level problem', async (id, reason) => {
    const records = [...otClaim(), `${id}|36|4|X`];
    const { result, problems } = await collect(claimFile(records));
    expect(result.ok).toBe(true);
    expect(problems).toEqual([
      expect.objectContaining({ position: 5, reason, fieldNumber: 1, fieldName: 'RECORD-ID' }),
    ]);
  });

  it('accepts an alternate submitter code on records when the header has the state it stands for', async () => {
    const records = otClaim().map((r) => withFields(r, { 2: '97' }));
    const { result, problems, headers, lines } = await collect(claimFile(records, { state: '42' }));
    expect(result.ok).toBe(true);
    expect(problems).toEqual([]);
    expect(headers[0]?.state).toBe('42');
    expect(lines[0]?.state).toBe('42');
  });

  it('links records whose SUBMITTING-STATE is the alternate code to a header that used the FIPS code', async () => {
    const records = otClaim();
    records[1] = withFields(records[1], { 2: '97' });
    const { result, problems, lines } = await collect(
      claimFile(
        records.map((r) => r.replace('|36|', '|42|')),
        { state: '97' },
      ),
    );
    expect(result.ok).toBe(true);
    expect(problems).toEqual([]);
    expect(lines).toHaveLength(1);
  });

  it('reports every problem of a record, withholds MSIS ids and never puts them in a message', async () => {
    const records = otClaim();
    records[0] = withFields(records[0], { 6: '2026-03-12', 8: 'M'.repeat(150), 9: 'Q' });
    records[1] = withFields(records[1], { 6: '2026-03-12' });
    records[2] = withFields(records[2], { 6: '2026-03-12' });
    const { problems } = await collect(claimFile(records));
    const header = problems.filter((p) => p.position === 2);
    expect(header.map((p) => p.fieldNumber)).toEqual([6, 8, 9]);
    expect(header.find((p) => p.fieldNumber === 8)).toMatchObject({ value: '(withheld)', reason: R.FIELD_TOO_LONG });
    for (const problem of problems) {
      expect(problem.message).not.toContain('MSIS');
      expect(JSON.stringify(problem)).not.toContain('MMMMMMMMMM');
    }
  });

  it('counts a record with several problems once', async () => {
    const records = otClaim();
    records[1] = withFields(records[1], { 9: 'x', 12: 'y', 17: 'z' });
    const { result } = await collect(claimFile(records));
    expect(result.counts.problems).toBe(3);
    expect(result.counts.skippedRecords).toBe(1);
    expect(result.counts.problemsByReason[R.INVALID_FORMAT]).toBe(1);
    expect(result.counts.problemsByReason[R.INVALID_QUANTITY]).toBe(1);
    expect(result.counts.problemsByReason[R.INVALID_AMOUNT]).toBe(1);
  });
});
