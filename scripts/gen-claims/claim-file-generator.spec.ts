import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  type ClaimDiagnosisRow,
  type ClaimFileResult,
  type ClaimHeaderRow,
  type ClaimLineRow,
  type RecordProblem,
  readClaimFile,
} from '@lib/claims';
import { addMonths, formatYearMonth, parseYearMonth } from './calendar';
import { type ClaimFileType, claimFileChunks, generateClaimFile, npiCheckDigit } from './claim-file-generator';
import { SICKLE_CELL_CRISIS_DIAGNOSES } from './code-catalog';
import { fipsOf } from './state-fips';
import { CORE_PATIENTS_PER_MONTH, coreTreatedPatients, crisisAdmissions, msisId } from './treated-patients';

const RELEVANCE = {
  cgtNdc11s: new Set(['51167029009', '51167029001', '73554111101']),
  cgtHcpcs: new Set(['J3392', 'J3394']),
  diagnosisPrefixes: ['D57'],
};

interface Parsed {
  result: ClaimFileResult;
  headers: ClaimHeaderRow[];
  lines: ClaimLineRow[];
  diagnoses: ClaimDiagnosisRow[];
  problems: RecordProblem[];
}

async function parse(input: Readable): Promise<Parsed> {
  const parsed: Omit<Parsed, 'result'> = { headers: [], lines: [], diagnoses: [], problems: [] };
  const result = await readClaimFile(input, {
    relevance: RELEVANCE,
    sink: {
      claimHeader: (row) => void parsed.headers.push(row),
      line: (row) => void parsed.lines.push(row),
      diagnosis: (row) => void parsed.diagnoses.push(row),
      problem: (problem) => void parsed.problems.push(problem),
    },
  });
  return { result, ...parsed };
}

function text(type: ClaimFileType, month: string, records: number, seed = 1, state = 'NY'): string {
  return [...claimFileChunks({ type, state, month, records, seed })].join('');
}

describe('generateClaimFile', () => {
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'gen-claims-'));
  });

  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it.each<ClaimFileType>(['CLAIMOT', 'CLAIMIP', 'CLAIMRX'])(
    'writes a 20k-record %s file that parses with no problem, counts matching',
    async (type) => {
      const out = join(folder, `${type}.txt`);
      const generated = await generateClaimFile({ type, state: 'NY', month: '2026-03', records: 20_000, seed: 7, out });
      expect(generated).toMatchObject({ path: out, records: 20_000, counts: { records: 20_000 } });
      expect(statSync(out).size).toBe(generated.counts.textBytes);
      const { result, problems, lines } = await parse(createReadStream(out));
      expect(problems).toEqual([]);
      expect(result).toMatchObject({
        ok: true,
        header: {
          fileName: type,
          stateFips: '36',
          periodStart: '2026-03-01',
          periodEnd: '2026-03-31',
          totalRecordCount: 20_000,
        },
        counts: {
          records: 20_000,
          claimHeaders: generated.counts.claimHeaders,
          lines: generated.counts.lines,
          diagnoses: generated.counts.diagnoses,
          deniedHeaders: generated.counts.deniedClaims,
          voids: generated.counts.voids,
          replacements: generated.counts.replacements,
          skippedRecords: 0,
        },
      });
      expect(lines).toHaveLength(generated.counts.cgtLines);
    },
  );

  it('writes gzip and CRLF files that read the same', async () => {
    const out = join(folder, 'ot.txt.gz');
    const spec = { type: 'CLAIMOT', state: 'GA', month: '2026-02', records: 3000, seed: 3 } as const;
    await generateClaimFile({ ...spec, out, gzip: true, crlf: true });
    const plain = await parse(Readable.from([text(spec.type, spec.month, spec.records, spec.seed, spec.state)]));
    const packed = await parse(createReadStream(out));
    expect(readFileSync(out).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(packed.problems).toEqual([]);
    expect(packed.headers).toEqual(plain.headers);
    expect(packed.lines).toEqual(plain.lines);
    expect(packed.result.ok && packed.result.header.stateFips).toBe('13');
  });

  it('is deterministic by seed', () => {
    const hash = (seed: number): string =>
      createHash('sha256')
        .update(text('CLAIMIP', '2026-11', 5000, seed))
        .digest('hex');
    expect(hash(1)).toBe(hash(1));
    expect(hash(1)).not.toBe(hash(2));
  });

  it.each([0, 1, 2, 5, 17])('writes exactly %i records', async (records) => {
    const { result, problems } = await parse(Readable.from([text('CLAIMOT', '2026-03', records)]));
    expect(problems).toEqual([]);
    expect(result).toMatchObject({ ok: true, counts: { records } });
  });

  it('puts about one CGT line per 1,000 records in CLAIMOT files, with the realistic exceptions', async () => {
    const counts = (
      await generateClaimFile({
        type: 'CLAIMOT',
        state: 'NY',
        month: '2026-03',
        records: 200_000,
        seed: 1,
        out: join(folder, 'big.txt'),
      })
    ).counts;
    expect(counts.cgtLines).toBeGreaterThan(150);
    expect(counts.cgtLines).toBeLessThan(260);
    expect(counts.cgtAdministrations).toBeGreaterThan(100);
    expect(counts.cgtMcoDuplicates).toBeGreaterThan(5);
    expect(counts.cgtHcpcsOnlyLines).toBeGreaterThan(3);
    expect(counts.cgtDenied).toBeGreaterThan(3);
    expect(counts.voids).toBeGreaterThan(100);
    expect(counts.replacements).toBeGreaterThan(100);
    expect(counts.deniedClaims).toBeGreaterThan(1000);
    expect(counts.nonCrisisSickleCellClaims).toBeGreaterThan(50);
  });

  it('administers the core treated patients of the month in its CLAIMOT file, cleanly', async () => {
    const { headers, lines } = await parse(Readable.from([text('CLAIMOT', '2026-03', 2000)]));
    const month = parseYearMonth('2026-03');
    const patients = coreTreatedPatients(1, 'NY', month);
    expect(patients).toHaveLength(CORE_PATIENTS_PER_MONTH);
    for (const patient of patients) {
      const header = headers.find(
        (h) => h.icnOrig === patient.icnOrig && h.typeOfClaim === '1' && h.adjustmentInd === '0',
      );
      expect(header).toMatchObject({
        msisId: patient.msisId,
        claimStatusCategory: 'F1',
        beginDate: patient.administrationDate,
      });
      const line = lines.find((l) => l.icnOrig === patient.icnOrig && l.adjustmentInd === '0');
      expect(line).toMatchObject({ cgtByNdc: true, cgtByHcpcs: true, revenueCode: '0892' });
      expect(line?.ndc11?.slice(0, 5)).toBe(patient.product === 'CASGEVY' ? '51167' : '73554');
    }
  });

  it('admits treated patients in crisis in later months CLAIMIP files, with the same MSIS id', async () => {
    const treatedIn = parseYearMonth('2026-01');
    const treated = new Map(coreTreatedPatients(1, 'NY', treatedIn).map((p) => [p.msisId, p]));
    let found = 0;
    for (let after = 1; after <= 18 && found < 2; after++) {
      const month = addMonths(treatedIn, after);
      const expected = crisisAdmissions(1, 'NY', month).filter((a) => treated.has(a.patient.msisId));
      if (expected.length === 0) continue;
      const { headers, diagnoses, problems } = await parse(
        Readable.from([text('CLAIMIP', formatYearMonth(month), 1000)]),
      );
      expect(problems).toEqual([]);
      for (const admission of expected) {
        const header = headers.find((h) => h.icnOrig === admission.icnOrig && h.adjustmentInd === '0');
        expect(header?.msisId).toBe(admission.patient.msisId);
        expect(header?.admissionDate).toBe(admission.admissionDate);
        expect(admission.admissionDate.slice(0, 7)).toBe(formatYearMonth(month));
        const codes = diagnoses.filter((d) => d.icnOrig === admission.icnOrig).map((d) => d.code);
        expect(SICKLE_CELL_CRISIS_DIAGNOSES).toContain(codes[0]);
        found++;
      }
    }
    expect(found).toBeGreaterThan(0);
  });

  it('voids and replaces last month claims exactly as they were sent', async () => {
    const previous = await parse(Readable.from([text('CLAIMOT', '2026-02', 20_000)]));
    const current = await parse(Readable.from([text('CLAIMOT', '2026-03', 20_000)]));
    const earlier = new Map(previous.headers.map((h) => [h.icnOrig, h]));
    const adjustments = current.headers.filter((h) => h.adjustmentInd !== '0' && h.icnOrig.startsWith('NY20260201'));
    expect(adjustments.length).toBeGreaterThan(10);
    for (const adjustment of adjustments) {
      expect(earlier.get(adjustment.icnOrig)).toMatchObject({
        msisId: adjustment.msisId,
        typeOfClaim: adjustment.typeOfClaim,
      });
      expect(adjustment.adjudicationDate.slice(0, 7)).toBe('2026-03');
      expect(adjustment.icnAdj).not.toBe('');
    }
  });

  it('draws ids that look real', () => {
    expect(npiCheckDigit('123456789')).toBe(3);
    const ids = new Set(Array.from({ length: 10_000 }, (_, i) => msisId(1, 'NY', i)));
    expect(ids.size).toBe(10_000);
    expect(msisId(1, 'NY', 5)).toMatch(/^M\d{9}$/);
    expect(fipsOf('pr')).toBe('72');
    expect(() => fipsOf('XX')).toThrow('unknown state');
  });
});
