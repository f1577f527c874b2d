import { createReadStream, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { readClaimFile } from './claim-file-reader';
import { PROFILE_EXAMPLE, TEST_RELEVANCE, claimFile, collect, otClaim, withFields } from './claim-file-test-kit';

/** What the reader emits: rows, relevance, counts, the profile example, the worked-example files. */

describe('readClaimFile', () => {
  it('reads the example of the profile', async () => {
    const { result, fileHeaders, headers, lines, diagnoses, problems, stragglers } = await collect(PROFILE_EXAMPLE);
    expect(problems).toEqual([]);
    expect(stragglers).toEqual([]);
    expect(result).toMatchObject({
      ok: true,
      needsSqlResolution: false,
      header: { fileName: 'CLAIMOT', prefix: 'COT', stateFips: '36', stateUsps: 'NY', totalRecordCount: 5 },
      counts: { records: 5, claimHeaders: 2, lines: 2, diagnoses: 1, relevantLines: 2, relevantDiagnoses: 1, voids: 1 },
    });
    expect(fileHeaders).toEqual([
      {
        fileName: 'CLAIMOT',
        prefix: 'COT',
        dataDictionaryVersion: '4.0.0',
        transactionType: 'O',
        submittingStateSent: '36',
        stateFips: '36',
        stateUsps: 'NY',
        dateFileCreated: '2026-04-05',
        periodStart: '2026-03-01',
        periodEnd: '2026-03-31',
        sequenceNumber: 1,
        totalRecordCount: 5,
      },
    ]);
    expect(headers[0]).toEqual({
      position: 2,
      recordNumber: 1,
      state: '36',
      icnOrig: 'NY2026030100017',
      icnAdj: '',
      adjudicationDate: '2026-03-12',
      adjustmentInd: '0',
      msisId: 'MSIS00012345',
      typeOfClaim: '1',
      claimStatusCategory: 'F1',
      crossoverIndicator: '0',
      billingProviderNpi: '1234567893',
      admissionDate: null,
      dischargeDate: null,
      beginDate: '2026-03-10',
      endDate: '2026-03-10',
      planId: null,
      totalPaid: '2200000.00',
    });
    expect(headers[1]).toMatchObject({
      position: 5,
      icnAdj: 'NY2026032800003',
      adjudicationDate: '2026-03-28',
      adjustmentInd: '1',
    });
    expect(lines[0]).toEqual({
      position: 3,
      recordNumber: 2,
      state: '36',
      icnOrig: 'NY2026030100017',
      icnAdj: '',
      adjudicationDate: '2026-03-12',
      adjustmentInd: '0',
      straggler: false,
      lineNumber: 1,
      revenueCode: '0892',
      procedureCode: 'J3392',
      ndcRaw: '51167-0290-09',
      ndc11: '51167029009',
      ndcQuantity: '1',
      unitOfMeasure: 'UN',
      serviceQuantity: '1',
      beginDate: '2026-03-10',
      endDate: '2026-03-10',
      paid: '2200000.00',
      cgtByNdc: true,
      cgtByHcpcs: true,
    });
    expect(lines[1]).toMatchObject({ position: 6, icnAdj: 'NY2026032800003', adjustmentInd: '1' });
    expect(diagnoses).toEqual([
      {
        position: 4,
        recordNumber: 3,
        state: '36',
        icnOrig: 'NY2026030100017',
        icnAdj: '',
        adjudicationDate: '2026-03-12',
        adjustmentInd: '0',
        straggler: false,
        sequence: 1,
        code: 'D5701',
        flag: '02',
      },
    ]);
  });

  it.each<
    [string, Readonly<Record<number, string>>, { ndc11: string | null; cgtByNdc: boolean; cgtByHcpcs: boolean } | null]
  >([
    ['NDC 5-4-2 with HCPCS', { 11: '51167-0290-09' }, { ndc11: '51167029009', cgtByNdc: true, cgtByHcpcs: true }],
    ['NDC-11 without hyphens', { 11: '51167029009' }, { ndc11: '51167029009', cgtByNdc: true, cgtByHcpcs: true }],
    ['inner (vial) NDC', { 11: '51167029001', 10: '' }, { ndc11: '51167029001', cgtByNdc: true, cgtByHcpcs: false }],
    ['NDC 5-3-2', { 11: '51167-290-09', 10: '' }, { ndc11: '51167029009', cgtByNdc: true, cgtByHcpcs: false }],
    ['Lyfgenia 5-4-1', { 11: '73554-1111-1', 10: 'J3394' }, { ndc11: '73554111101', cgtByNdc: true, cgtByHcpcs: true }],
    ['HCPCS only (NDC blank)', { 11: '' }, { ndc11: null, cgtByNdc: false, cgtByHcpcs: true }],
    ['HCPCS with another NDC', { 11: '00069015001' }, { ndc11: '00069015001', cgtByNdc: false, cgtByHcpcs: true }],
    [
      'NDC of one product, HCPCS of the other',
      { 10: 'J3394' },
      { ndc11: '51167029009', cgtByNdc: true, cgtByHcpcs: true },
    ],
    ['a 10-digit NDC matches nothing', { 11: '5116702909', 10: '' }, null],
    ['an ordinary line', { 9: '', 10: '99213', 11: '' }, null],
    ['an ordinary drug', { 10: '', 11: '0002-1433-80' }, null],
    ['lower-case HCPCS is not the code', { 10: 'j3392', 11: '' }, null],
  ])('classifies a line: %s', async (_name, changes, expected) => {
    const records = otClaim();
    records[1] = withFields(records[1], changes);
    const { result, lines, problems } = await collect(claimFile(records));
    expect(problems).toEqual([]);
    expect(result.counts.lines).toBe(1);
    if (expected === null) expect(lines).toEqual([]);
    else expect(lines).toEqual([expect.objectContaining(expected)]);
  });

  it.each([
    ['D5701', ['D57'], true],
    ['D571', ['D570', 'D5721'], false],
    ['D57211', ['D570', 'D5721'], true],
    ['I10', ['D57'], false],
    ['D5700', [], false],
    ['D5700', [''], false],
  ] as const)('diagnosis %s with prefixes %j is relevant: %s', async (code, prefixes, relevant) => {
    const records = otClaim();
    records[2] = withFields(records[2], { 9: code });
    const { diagnoses, result } = await collect(claimFile(records), {
      relevance: { ...TEST_RELEVANCE, diagnosisPrefixes: prefixes },
    });
    expect(result.counts.diagnoses).toBe(1);
    expect(diagnoses).toHaveLength(relevant ? 1 : 0);
  });

  it('reads blank amounts and quantities as 0 and counts denied claims', async () => {
    const records = otClaim();
    records[0] = withFields(records[0], { 10: 'F2', 18: '' });
    records[1] = withFields(records[1], { 12: '', 14: '', 17: '' });
    const { headers, lines, result } = await collect(claimFile(records));
    expect(headers[0]).toMatchObject({ totalPaid: '0', claimStatusCategory: 'F2' });
    expect(lines[0]).toMatchObject({ ndcQuantity: '0', serviceQuantity: '0', paid: '0' });
    expect(result.counts.deniedHeaders).toBe(1);
  });

  it('waits for a sink that applies backpressure, in order, one record at a time', async () => {
    const records = Array.from({ length: 40 }, (_, i) =>
      otClaim(`NY20260301${String(i).padStart(5, '0')}`, 3 * i + 1),
    ).flat();
    const seen: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const slow = (position: number): Promise<void> => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      seen.push(position);
      return new Promise((resolve) =>
        setTimeout(() => {
          inFlight--;
          resolve();
        }, 1),
      );
    };
    const result = await readClaimFile(Readable.from([Buffer.from(claimFile(records))]), {
      relevance: TEST_RELEVANCE,
      sink: {
        claimHeader: (row) => slow(row.position),
        line: (row) => slow(row.position),
        diagnosis: (row) => slow(row.position),
      },
    });
    expect(result.ok).toBe(true);
    expect(maxInFlight).toBe(1);
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => i + 2));
  });

  it('lets a sink error escape (it is not a problem of the file)', async () => {
    await expect(
      readClaimFile(Readable.from([Buffer.from(PROFILE_EXAMPLE)]), {
        relevance: TEST_RELEVANCE,
        sink: { line: () => Promise.reject(new Error('COPY failed')) },
      }),
    ).rejects.toThrow('COPY failed');
  });

  it('lets an input stream error escape', async () => {
    const input = new Readable({
      read() {
        this.destroy(new Error('disk gone'));
      },
    });
    await expect(readClaimFile(input, { relevance: TEST_RELEVANCE })).rejects.toThrow('disk gone');
  });
});

describe('the worked-example files', () => {
  const folder = join(__dirname, '../../../../test/fixtures/worked-example');
  const files = readdirSync(folder).filter((name) => name.endsWith('.txt'));

  it('are all there', () => {
    expect(files).toHaveLength(5);
  });

  it.each(files)('%s parses with no problem and matches TOT-REC-CNT', async (name) => {
    const path = join(folder, name);
    const total = Number(readFileSync(path, 'utf8').split('\n')[0].split('|')[9]);
    const result = await readClaimFile(createReadStream(path, { highWaterMark: 1024 }), { relevance: TEST_RELEVANCE });
    expect(result).toMatchObject({
      ok: true,
      needsSqlResolution: false,
      counts: { records: total, problems: 0, skippedRecords: 0 },
    });
  });

  it.each([
    [
      '1-NY-CLAIMOT-2026-03.txt',
      { relevantLines: 3, relevantDiagnoses: 1, voids: 0 },
      ['NY2026030100017', 'NY2026030100018', 'NY2026030100019'],
    ],
    ['2-NY-CLAIMIP-2026-11.txt', { relevantLines: 0, voids: 0 }, []],
    ['3-NY-CLAIMIP-2027-01.txt', { relevantLines: 0, voids: 1 }, []],
    ['5-GA-CLAIMOT-2026-02.txt', { relevantLines: 1, voids: 0 }, ['GA2026021100003']],
  ] as const)('%s has the expected CGT lines', async (name, counts, icns) => {
    const { result, lines } = await collect(readFileSync(join(folder, name)));
    expect(result.counts).toMatchObject(counts);
    expect(lines.map((l) => l.icnOrig)).toEqual(icns);
  });

  it('finds the crisis admission of the outcome example (D5700 on 2026-11-02)', async () => {
    const { headers, diagnoses } = await collect(readFileSync(join(folder, '2-NY-CLAIMIP-2026-11.txt')), {
      relevance: { ...TEST_RELEVANCE, diagnosisPrefixes: ['D570', 'D5721', 'D5741', 'D5743', 'D5745', 'D5781'] },
    });
    expect(diagnoses.map((d) => [d.icnOrig, d.code])).toEqual([['NY2026110900004', 'D5700']]);
    expect(headers.find((h) => h.icnOrig === 'NY2026110900004')).toMatchObject({ admissionDate: '2026-11-02' });
  });
});
