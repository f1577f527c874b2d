import { gzipSync } from 'node:zlib';
import { FileProblemCode as F } from './parse-problems';
import { claimFile, collect, fileHeader, fillerClaims, otClaim, withFields } from './claim-file-test-kit';

/** File-level rules (profile "What is wrong"): each rejects the whole file with a clear message. */

const CLAIM = otClaim();

function withHeader(changes: Readonly<Record<number, string>>, records: readonly string[] = CLAIM): string {
  return [withFields(fileHeader(records.length), changes), ...records].join('\n') + '\n';
}

describe('file-level rules', () => {
  it.each<[string, string | Buffer, F, string]>([
    ['an empty file', '', F.EMPTY_FILE, 'empty'],
    ['only blank lines', '\n  \r\n\n', F.EMPTY_FILE, 'no records'],
    ['a gzip of nothing', gzipSync(Buffer.alloc(0)), F.EMPTY_FILE, 'empty'],
    ['a claim header first', CLAIM.join('\n'), F.NOT_A_FILE_HEADER, 'COT00002'],
    ['a byte-order mark', `\uFEFF${claimFile(CLAIM)}`, F.NOT_A_FILE_HEADER, 'byte-order mark'],
    [
      'a header of 9 fields',
      `${fileHeader(3).split('|').slice(0, 9).join('|')}\n${CLAIM.join('\n')}`,
      F.HEADER_FIELD_COUNT,
      '9 fields',
    ],
    ['a header of 11 fields', `${fileHeader(3)}|x\n${CLAIM.join('\n')}`, F.HEADER_FIELD_COUNT, '11 fields'],
    ['an unknown FILE-NAME', withHeader({ 4: 'CLAIMLT' }), F.UNKNOWN_FILE_NAME, 'CLAIMLT'],
    ['a header prefix that is not the FILE-NAME prefix', withHeader({ 1: 'CIP00001' }), F.PREFIX_MISMATCH, 'CIP'],
    ['an unknown SUBMITTING-STATE', withHeader({ 5: '99' }), F.UNKNOWN_STATE, '"99"'],
    ['a one-digit SUBMITTING-STATE', withHeader({ 5: '6' }), F.UNKNOWN_STATE, '"6"'],
    ['a blank SUBMITTING-STATE', withHeader({ 5: '' }), F.UNKNOWN_STATE, 'SUBMITTING-STATE'],
    ['an invalid DATE-FILE-CREATED', withHeader({ 6: '20260431' }), F.INVALID_HEADER_FIELD, 'DATE-FILE-CREATED'],
    [
      'an invalid START-OF-TIME-PERIOD',
      withHeader({ 7: '2026-03-01' }),
      F.INVALID_HEADER_FIELD,
      'START-OF-TIME-PERIOD',
    ],
    ['an invalid END-OF-TIME-PERIOD', withHeader({ 8: '20250229' }), F.INVALID_HEADER_FIELD, 'END-OF-TIME-PERIOD'],
    ['a period not starting on the 1st', withHeader({ 7: '20260302' }), F.REPORTING_PERIOD, 'one calendar month'],
    ['a period not ending on the last day', withHeader({ 8: '20260330' }), F.REPORTING_PERIOD, 'one calendar month'],
    ['a period of two months', withHeader({ 7: '20260201', 8: '20260331' }), F.REPORTING_PERIOD, 'one calendar month'],
    ['a period ending in another month', withHeader({ 8: '20260430' }), F.REPORTING_PERIOD, 'one calendar month'],
    ['END after DATE-FILE-CREATED', withHeader({ 6: '20260330' }), F.REPORTING_PERIOD, 'after DATE-FILE-CREATED'],
    ['a SEQUENCE-NUMBER that is not a number', withHeader({ 9: 'one' }), F.INVALID_HEADER_FIELD, 'SEQUENCE-NUMBER'],
    ['a TOT-REC-CNT that is not a number', withHeader({ 10: '3.0' }), F.INVALID_HEADER_FIELD, 'TOT-REC-CNT'],
    ['a TOT-REC-CNT too high', withHeader({ 10: '4' }), F.TOT_REC_CNT_MISMATCH, 'is 4, but the file has 3'],
    ['a TOT-REC-CNT too low', withHeader({ 10: '2' }), F.TOT_REC_CNT_MISMATCH, 'is 2, but the file has 3'],
    ['a TOT-REC-CNT counting the header', withHeader({ 10: '4' }), F.TOT_REC_CNT_MISMATCH, 'after the header'],
    [
      'a record of another subject area',
      claimFile([...CLAIM, 'CIP00002|36|4|X||20260312|0|M|1|F1|0||20260301||||||1']),
      F.PREFIX_MISMATCH,
      'Record 5 (line 5): RECORD-ID CIP00002',
    ],
    ['a record with an unknown prefix', claimFile([...CLAIM, 'XYZ00003|36|4']), F.PREFIX_MISMATCH, 'XYZ'],
    ['a second file header', claimFile([...CLAIM, fileHeader(3)]), F.SECOND_FILE_HEADER, 'Record 5'],
    ['a NUL byte', claimFile(CLAIM).replace('MSIS00012345', 'MSIS\u00000012345'), F.NUL_BYTE, 'line 2'],
    [
      'invalid UTF-8',
      Buffer.concat([Buffer.from(claimFile(CLAIM)), Buffer.from([0xc3, 0x28, 0x0a])]),
      F.INVALID_UTF8,
      'line 5',
    ],
    [
      'an overlong UTF-8 encoding',
      Buffer.concat([Buffer.from(fileHeader(0)), Buffer.from([0x0a, 0xc0, 0xaf])]),
      F.INVALID_UTF8,
      'UTF-8',
    ],
    [
      'a UTF-8 surrogate',
      Buffer.concat([Buffer.from(`${fileHeader(0)}\n`), Buffer.from([0xed, 0xa0, 0x80])]),
      F.INVALID_UTF8,
      'UTF-8',
    ],
    [
      'a file ending inside a character',
      Buffer.concat([Buffer.from(claimFile(CLAIM)), Buffer.from([0xe2, 0x82])]),
      F.INVALID_UTF8,
      'ends inside a character',
    ],
    ['a corrupt gzip', corruptGzip(), F.CORRUPT_GZIP, 'gzip'],
    ['a truncated gzip', gzipSync(Buffer.from(claimFile(CLAIM))).subarray(0, 40), F.CORRUPT_GZIP, 'gzip'],
    ['gzip magic bytes only', Buffer.from([0x1f, 0x8b]), F.CORRUPT_GZIP, 'gzip'],
    [
      'a header line far too long',
      `${fileHeader(3)}${'x'.repeat(70_000)}\n${CLAIM.join('\n')}`,
      F.NOT_A_FILE_HEADER,
      'too long',
    ],
  ])('rejects %s', async (_name, content, code, text) => {
    for (const chunking of [undefined, 1, 7]) {
      const { result } = await collect(content, {}, chunking);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problem.code).toBe(code);
      expect(result.problem.message).toContain(text);
    }
  });

  it.each<[string, string]>([
    ['END equal to DATE-FILE-CREATED', withHeader({ 6: '20260331' })],
    ['a leap-year February', withHeader({ 6: '20240305', 7: '20240201', 8: '20240229' })],
    ['a common-year February', withHeader({ 6: '20250305', 7: '20250201', 8: '20250228' })],
    ['a resubmission', withHeader({ 3: 'R' })],
    [
      'alternate submitter 93 (WY)',
      withHeader(
        { 5: '93' },
        otClaim().map((r) => withFields(r, { 2: '56' })),
      ),
    ],
    [
      'alternate submitter 94 (MT)',
      withHeader(
        { 5: '94' },
        otClaim().map((r) => withFields(r, { 2: '30' })),
      ),
    ],
    [
      'alternate submitter 96 (IA)',
      withHeader(
        { 5: '96' },
        otClaim().map((r) => withFields(r, { 2: '19' })),
      ),
    ],
    [
      'alternate submitter 97 (PA)',
      withHeader(
        { 5: '97' },
        otClaim().map((r) => withFields(r, { 2: '97' })),
      ),
    ],
    ['padded header fields', withHeader({ 4: ' CLAIMOT ', 10: ' 3' })],
    ['a file of only a header', `${fileHeader(0)}\n`],
  ])('accepts %s', async (_name, content) => {
    const { result, problems } = await collect(content);
    expect(result).toMatchObject({ ok: true });
    expect(problems).toEqual([]);
  });

  it.each([
    ['93', '56', 'WY'],
    ['94', '30', 'MT'],
    ['96', '19', 'IA'],
    ['97', '42', 'PA'],
    ['36', '36', 'NY'],
    ['72', '72', 'PR'],
    ['11', '11', 'DC'],
  ])('maps SUBMITTING-STATE %s to FIPS %s (%s)', async (sent, fips, usps) => {
    const { result } = await collect(withHeader({ 5: sent }, []));
    expect(result.ok && result.header).toMatchObject({ submittingStateSent: sent, stateFips: fips, stateUsps: usps });
  });

  it.each([
    ['36', '36', true],
    ['36', '13', false],
    ['97', '42', true],
    ['42', '42', true],
  ])('file state %s against the submitter state %s: accepted %s', async (sent, expected, accepted) => {
    const { result } = await collect(withHeader({ 5: sent }, []), { expectedStateFips: expected });
    expect(result.ok).toBe(accepted);
    if (!result.ok) expect(result.problem).toMatchObject({ code: F.WRONG_STATE, position: 1 });
  });

  it.each([
    ['2026-03-01', true],
    ['2026-03-31', true],
    ['2027-01-15', true],
    ['2026-02-28', false],
    ['2025-12-31', false],
  ])('a March 2026 period read on %s: accepted %s', async (today, accepted) => {
    const { result } = await collect(withHeader({}), { today });
    expect(result.ok).toBe(accepted);
    if (result.ok) return;
    expect(result.problem).toMatchObject({ code: F.FUTURE_REPORTING_PERIOD, position: 1 });
    expect(result.problem.message).toContain('the reporting period March 2026 (START-OF-TIME-PERIOD 20260301)');
    expect(result.problem.message).toContain(
      `after the current month, ${today === '2026-02-28' ? 'February 2026' : 'December 2025'}`,
    );
  });

  it('names the record of a file-level problem found late and stops reading', async () => {
    const records = [...fillerClaims(50), 'CRX00003|36|101|X'];
    const { result } = await collect(claimFile(records));
    expect(result).toMatchObject({ ok: false, problem: { code: F.PREFIX_MISMATCH, position: 102, line: 102 } });
  });

  it('rejects early when skipped records exceed the limit of TOT-REC-CNT and the problem list is full', async () => {
    const records = fillerClaims(10).map((r, i) => (i < 6 ? withFields(r, { 6: 'bad' }) : r));
    const { result, problems } = await collect(claimFile(records), { recordProblemLimit: 0.1, maxProblems: 4 });
    expect(result).toMatchObject({ ok: false, problem: { code: F.RECORD_PROBLEM_LIMIT } });
    if (!result.ok) expect(result.problem.message).toContain('4 of 20 records');
    if (!result.ok) expect(result.problem.message).toContain('Reading stopped after the first 4 problems');
    expect(problems).toHaveLength(4);
  });

  it('reads on past the limit while the problem list has room, reporting every problem', async () => {
    const records = fillerClaims(10).map((r, i) => (i < 6 ? withFields(r, { 6: 'bad' }) : r));
    const { result, problems } = await collect(claimFile(records), { recordProblemLimit: 0.1, maxProblems: 100 });
    expect(result).toMatchObject({ ok: true, counts: { records: 20, skippedRecords: 6, problems: 6 } });
    expect(problems).toHaveLength(6);
  });

  it('counts the problems past maxProblems without reporting them', async () => {
    const records = fillerClaims(10).map((r, i) => (i < 6 ? withFields(r, { 6: 'bad' }) : r));
    const { result, problems } = await collect(claimFile(records), { maxProblems: 2 });
    expect(result).toMatchObject({ ok: true, counts: { skippedRecords: 6, problems: 6 } });
    expect(problems.map((p) => p.position)).toEqual([2, 3]);
  });

  it('accepts skipped records up to the limit', async () => {
    const records = fillerClaims(10).map((r, i) => (i === 1 ? withFields(r, { 17: 'x' }) : r));
    const { result } = await collect(claimFile(records), { recordProblemLimit: 0.1 });
    expect(result).toMatchObject({ ok: true, counts: { records: 20, skippedRecords: 1 } });
  });

  it('reports the file header it read when a later check rejects the file', async () => {
    const { result } = await collect(withHeader({ 10: '9' }));
    expect(result.ok).toBe(false);
    expect(result.header).toMatchObject({ fileName: 'CLAIMOT', stateFips: '36', periodStart: '2026-03-01' });
  });
});

function corruptGzip(): Buffer {
  const gz = Buffer.from(gzipSync(Buffer.from(claimFile(CLAIM))));
  for (let i = 12; i < gz.length - 8; i += 3) gz[i] = gz[i] ^ 0x5a;
  return gz;
}
