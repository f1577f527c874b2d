import { RecordProblemReason as R } from './parse-problems';
import { claimFile, collect, fillerClaims, otClaim, withFields } from './claim-file-test-kit';
import { VersionLinker } from './version-linker';

/**
 * Lines and diagnoses belong to the header of the same version key in the same file (profile
 * "Keys and coded values"); orphans, duplicates and stragglers beyond the look-back.
 */

describe('linking lines and diagnoses to claim headers', () => {
  it('reports a line and a diagnosis with no header in the file as orphans', async () => {
    const [, line, diagnosis] = otClaim();
    const { result, problems, lines } = await collect(claimFile([...fillerClaims(2), line, diagnosis]));
    expect(result).toMatchObject({ ok: true, needsSqlResolution: false, counts: { skippedRecords: 2, lines: 2 } });
    expect(lines).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({
        position: 6,
        reason: R.ORPHAN,
        fieldNumber: 4,
        icnOrig: 'NY2026030100017',
        recordNumber: 2,
      }),
      expect.objectContaining({ position: 7, reason: R.ORPHAN, recordId: 'COT00004' }),
    ]);
    expect(problems[0]?.message).toContain('no claim header in this file');
  });

  it('makes the lines and diagnoses of a header skipped for a bad date orphans, naming the header', async () => {
    const records = otClaim();
    records[0] = withFields(records[0], { 15: '20260231' });
    const { result, problems, headers, lines, diagnoses } = await collect(claimFile(records));
    expect(result.ok).toBe(true);
    expect(headers).toEqual([]);
    expect(lines).toEqual([]);
    expect(diagnoses).toEqual([]);
    expect(problems.map((p) => [p.position, p.reason])).toEqual([
      [2, R.INVALID_DATE],
      [3, R.ORPHAN],
      [4, R.ORPHAN],
    ]);
    expect(problems[1]?.message).toBe(
      'its claim header (record 2) was skipped, so this line is skipped too: field 15 BEGINNING-DATE-OF-SERVICE is not a real calendar date (CCYYMMDD)',
    );
    expect(result.counts.skippedRecords).toBe(3);
  });

  it('links lines that come before their header (they wait for it)', async () => {
    const [header, line, diagnosis] = otClaim();
    const { result, problems, lines, diagnoses } = await collect(
      claimFile([line, diagnosis, ...fillerClaims(2), header]),
    );
    expect(problems).toEqual([]);
    expect(result).toMatchObject({
      ok: true,
      needsSqlResolution: false,
      counts: { lines: 3, diagnoses: 1, relevantLines: 1 },
    });
    expect(lines).toEqual([expect.objectContaining({ position: 2, straggler: false, ndc11: '51167029009' })]);
    expect(diagnoses).toEqual([expect.objectContaining({ position: 3, code: 'D5701' })]);
  });

  it('orphans lines that waited for a header that came and was skipped', async () => {
    const [header, line] = otClaim();
    const { problems } = await collect(claimFile([line, withFields(header, { 18: 'lots' })]));
    expect(problems.map((p) => [p.position, p.reason])).toEqual([
      [3, R.INVALID_AMOUNT],
      [2, R.ORPHAN],
    ]);
  });

  it('links lines interleaved with other claims while their header is in the look-back', async () => {
    const [header, line, diagnosis] = otClaim();
    const records = [header, ...fillerClaims(5), line, diagnosis];
    const { result, problems, lines } = await collect(claimFile(records), { lookBackHeaders: 6 });
    expect(problems).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(result.ok && result.needsSqlResolution).toBe(false);
  });

  it('emits lines whose header fell out of the look-back as stragglers for SQL', async () => {
    const [header, line, diagnosis] = otClaim();
    const records = [header, ...fillerClaims(5), line, diagnosis, ...fillerClaims(7).slice(12)];
    const { result, problems, lines, diagnoses, stragglers } = await collect(claimFile(records), {
      lookBackHeaders: 3,
    });
    expect(problems).toEqual([]);
    expect(result).toMatchObject({
      ok: true,
      needsSqlResolution: true,
      counts: { stragglerLines: 1, stragglerDiagnoses: 1, lookBackEvictions: 4 },
    });
    expect(stragglers).toEqual([
      expect.objectContaining({
        kind: 'line',
        position: 13,
        recordNumber: 2,
        relevant: true,
        icnOrig: 'NY2026030100017',
        icnAdj: '',
        adjudicationDate: '2026-03-12',
        adjustmentInd: '0',
        state: '36',
      }),
      expect.objectContaining({ kind: 'diagnosis', position: 14, relevant: true }),
    ]);
    expect(lines).toEqual([expect.objectContaining({ position: 13, straggler: true })]);
    expect(diagnoses).toEqual([expect.objectContaining({ position: 14, straggler: true })]);
  });

  it('leaves duplicate headers to SQL only when one may repeat a key the look-back forgot', async () => {
    const [header, line] = otClaim();
    const options = { lookBackHeaders: 2 };
    const distinct = await collect(claimFile([header, line, ...fillerClaims(5)]), options);
    expect(distinct.result).toMatchObject({
      ok: true,
      needsSqlResolution: false,
      duplicateHeadersPossible: false,
      stragglersEmitted: false,
      counts: { lookBackEvictions: 4 },
    });
    const repeated = await collect(claimFile([header, line, ...fillerClaims(5), header]), options);
    expect(repeated.result).toMatchObject({
      ok: true,
      needsSqlResolution: true,
      duplicateHeadersPossible: true,
      stragglersEmitted: false,
    });
    // In-stream it is not seen (the look-back forgot the first): SQL keeps the first and reports it.
    expect(repeated.problems).toEqual([]);
    expect(repeated.headers.map((h) => h.position)).toEqual([2, 4, 6, 8, 10, 12, 14]);
  });

  it('does not count a duplicate caught in-stream or a skipped header as a key staged twice', async () => {
    const [header, line] = otClaim();
    const bad = withFields(header, { 9: 'Q' });
    const { result, problems } = await collect(claimFile([header, line, header, ...fillerClaims(5), bad]), {
      lookBackHeaders: 2,
    });
    expect(problems.map((p) => [p.position, p.reason])).toEqual([
      [4, R.DUPLICATE_HEADER],
      [15, R.INVALID_CODE],
    ]);
    expect(result).toMatchObject({ ok: true, duplicateHeadersPossible: false, counts: { lookBackEvictions: 5 } });
  });

  it('flushes waiting records beyond the waiting room as stragglers, irrelevant ones too', async () => {
    const orphanLines = fillerClaims(3).filter((_, i) => i % 2 === 1);
    const { result, stragglers, problems } = await collect(claimFile([...fillerClaims(1), ...orphanLines]), {
      maxWaitingRecords: 1,
    });
    expect(result).toMatchObject({ ok: true, needsSqlResolution: true });
    expect(stragglers.map((s) => [s.kind, s.relevant])).toEqual([['line', false]]);
    // The last one is still waiting at the end and no header was ever forgotten: an orphan.
    expect(problems.map((p) => p.reason)).toEqual([R.ORPHAN]);
  });

  it('reports a second header with the same version key as a duplicate; the first wins', async () => {
    const [header, line] = otClaim();
    const second = withFields(header, { 3: '9', 18: '1.00' });
    const { result, problems, headers, lines } = await collect(claimFile([header, line, second, line]));
    expect(problems).toEqual([
      expect.objectContaining({ position: 4, reason: R.DUPLICATE_HEADER, recordNumber: 9, fieldNumber: 4 }),
    ]);
    expect(problems[0]?.message).toContain('repeats the claim header at record 2');
    expect(headers.map((h) => h.totalPaid)).toEqual(['2200000.00']);
    expect(lines).toHaveLength(2);
    expect(result.counts.claimHeaders).toBe(1);
  });

  it('keeps a skipped first header in charge of its key: a later valid one is a duplicate', async () => {
    const [header, line] = otClaim();
    const { problems } = await collect(claimFile([withFields(header, { 9: 'Q' }), header, line]));
    expect(problems.map((p) => [p.position, p.reason])).toEqual([
      [2, R.INVALID_CODE],
      [3, R.DUPLICATE_HEADER],
      [4, R.ORPHAN],
    ]);
  });

  it('does not treat a different adjustment of the same claim as a duplicate', async () => {
    const [header, line] = otClaim();
    const replacement = (r: string): string => withFields(r, { 5: 'NY2026032800003', 6: '20260328', 7: '4' });
    const { problems, headers, result } = await collect(
      claimFile([header, line, replacement(header), withFields(replacement(line), { 7: '4' })]),
    );
    expect(problems).toEqual([]);
    expect(headers).toHaveLength(2);
    expect(result.counts.replacements).toBe(1);
  });
});

describe('VersionLinker', () => {
  it.each([
    [1, 0, 'orphan'],
    [1, 1, 'straggler'],
  ])('with look-back %i and %i earlier headers, an unmatched record ends as a(n) %s', (capacity, earlier, expected) => {
    const linker = new VersionLinker<string>(capacity, 10);
    for (let i = 0; i < earlier + 1; i++) linker.header(`h${i}`, i + 2, null);
    linker.wait('x', 'record');
    const end = linker.finish();
    expect(expected === 'orphan' ? end.orphans : end.stragglers).toHaveLength(1);
  });

  it('resolves waiting records when their header arrives and reports the winning header of duplicates', () => {
    const linker = new VersionLinker<string>(10, 10);
    linker.wait('k', 'a');
    linker.wait('k', 'b');
    const arrival = linker.header('k', 5, null);
    expect(arrival.resolved.map((w) => w.item)).toEqual(['a', 'b']);
    expect(arrival.linked).toBe(5);
    expect(linker.header('k', 9, null)).toMatchObject({ duplicateOf: 5, linked: 5 });
    expect(linker.header('s', 11, 'bad')).toMatchObject({ duplicateOf: null, linked: -11 });
    expect(linker.skipped('s')).toEqual({ position: 11, skipReason: 'bad' });
    expect(linker.finish()).toEqual({ orphans: [], stragglers: [] });
  });
});
