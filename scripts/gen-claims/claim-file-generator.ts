import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import {
  type YearMonth,
  DateFormatter,
  addMonths,
  firstDay,
  formatYearMonth,
  lastDay,
  monthIndex,
  parseYearMonth,
} from './calendar';
import { type ClaimTag, type GenClaim, type GenLine, RecordSerializer } from './claim-records';
import {
  CGT_PRODUCTS,
  COMMON_DIAGNOSES,
  COMMON_DRUGS,
  GENE_THERAPY_REVENUE_CODE,
  INPATIENT_REVENUE_CODES,
  OUTPATIENT_PROCEDURES,
  OUTPATIENT_REVENUE_CODES,
  SICKLE_CELL_CRISIS_DIAGNOSES,
  SICKLE_CELL_NON_CRISIS_DIAGNOSES,
} from './code-catalog';
import { SeededRandom, hashSeed } from './seeded-random';
import { fipsOf } from './state-fips';
import {
  CORE_PATIENTS_PER_MONTH,
  type CrisisAdmission,
  INPATIENT_TREATED_OFFSET,
  POPULATION_SIZE,
  type TreatedPatient,
  crisisAdmissions,
  msisId,
  specialIcn,
  treatedPatient,
} from './treated-patients';

/**
 * Synthetic monthly claim files in the T-MSIS CGT profile: realistic, deterministic by seed, and
 * streamed with backpressure so that any number of records fits in bounded memory.
 *
 * Ordinary ("filler") claim number n of (state, type, month, seed) is a pure function of those
 * inputs, so a later file can void or replace it exactly. CGT administrations and crisis
 * admissions come from the registry in treated-patients.ts, shared by all files of a state.
 */

export type ClaimFileType = 'CLAIMOT' | 'CLAIMIP' | 'CLAIMRX';

const PREFIXES: Readonly<Record<ClaimFileType, string>> = { CLAIMOT: 'COT', CLAIMIP: 'CIP', CLAIMRX: 'CRX' };

export interface ClaimFileSpec {
  readonly type: ClaimFileType;
  /** USPS code, e.g. NY. */
  readonly state: string;
  /** Reporting month, `2026-03`. */
  readonly month: string;
  /** Records after the file header (= TOT-REC-CNT). */
  readonly records: number;
  readonly seed: number;
  readonly crlf?: boolean;
}

export interface GenerateClaimFileOptions extends ClaimFileSpec {
  /** Default: var/gen-claims/<state>-<type>-<month>-s<seed>-<records>.txt[.gz] under the cwd. */
  readonly out?: string;
  readonly gzip?: boolean;
}

export interface GeneratedClaimCounts {
  records: number;
  claimHeaders: number;
  lines: number;
  diagnoses: number;
  /** Lines with a CGT NDC or a CGT HCPCS code. */
  cgtLines: number;
  /** CGT lines with the HCPCS code and a blank NDC (exception K). */
  cgtHcpcsOnlyLines: number;
  /** CGT lines whose NDC is one product's and HCPCS the other's (exception O). */
  cgtMismatchedLines: number;
  /** Original, paid fee-for-service claims with a CGT line. */
  cgtAdministrations: number;
  /** Managed-care encounters (type 3) repeating an FFS administration (exception M). */
  cgtMcoDuplicates: number;
  /** Denied (F2) claims with a CGT line. */
  cgtDenied: number;
  deniedClaims: number;
  voids: number;
  replacements: number;
  /** CLAIMIP claims with a sickle-cell crisis diagnosis, and those of treated patients. */
  crisisAdmissions: number;
  treatedPatientCrisisAdmissions: number;
  /** Claims with a sickle-cell diagnosis that is not a crisis (D57.1, D57.20, D57.3 ...). */
  nonCrisisSickleCellClaims: number;
  /** Characters of text written (before gzip). */
  textBytes: number;
}

export interface GeneratedClaimFile {
  readonly path: string;
  /** Records after the file header (TOT-REC-CNT). */
  readonly records: number;
  readonly counts: GeneratedClaimCounts;
}

/** Writes a claim file (streamed, bounded memory) and returns its path and what it contains. */
export async function generateClaimFile(options: GenerateClaimFileOptions): Promise<GeneratedClaimFile> {
  const path = options.out ?? defaultPath(options);
  await mkdir(dirname(path), { recursive: true });
  const counts = emptyGeneratedCounts();
  const source = Readable.from(claimFileChunks(options, counts), { objectMode: false });
  const stages: (Readable | Transform)[] = [source];
  if (options.gzip) stages.push(createGzip());
  await pipeline([...stages, createWriteStream(path)]);
  return { path, records: options.records, counts };
}

export function defaultPath(options: GenerateClaimFileOptions): string {
  const name = `${options.state.toUpperCase()}-${options.type}-${options.month}-s${options.seed}-${options.records}.txt`;
  return join(process.cwd(), 'var', 'gen-claims', options.gzip ? `${name}.gz` : name);
}

export function emptyGeneratedCounts(): GeneratedClaimCounts {
  return {
    records: 0,
    claimHeaders: 0,
    lines: 0,
    diagnoses: 0,
    cgtLines: 0,
    cgtHcpcsOnlyLines: 0,
    cgtMismatchedLines: 0,
    cgtAdministrations: 0,
    cgtMcoDuplicates: 0,
    cgtDenied: 0,
    deniedClaims: 0,
    voids: 0,
    replacements: 0,
    crisisAdmissions: 0,
    treatedPatientCrisisAdmissions: 0,
    nonCrisisSickleCellClaims: 0,
    textBytes: 0,
  };
}

/** The file as text chunks of ~256 KB (a lazy generator: memory stays flat). `counts` is filled as it goes. */
export function* claimFileChunks(
  spec: ClaimFileSpec,
  counts: GeneratedClaimCounts = emptyGeneratedCounts(),
): Generator<string> {
  if (!Number.isInteger(spec.records) || spec.records < 0) throw new RangeError('records must be a whole number >= 0');
  if (!Number.isInteger(spec.seed)) throw new RangeError('seed must be a whole number');
  const file = new FileContext(spec, parseYearMonth(spec.month));
  const newline = spec.crlf ? '\r\n' : '\n';
  const serializer = new RecordSerializer(file.prefix, file.fips, newline, spec.records);
  const created = file.dates.format(lastDay(file.month) + 5);
  let chunk =
    `${file.prefix}00001|4.0.0|O|${spec.type}|${file.fips}|${created}|${file.dates.format(firstDay(file.month))}|` +
    `${file.dates.format(lastDay(file.month))}|1|${spec.records}${newline}`;
  const specials = scheduleSpecials(file, spec.records);
  const random = new SeededRandom(hashSeed(spec.seed, file.usps, spec.type, monthIndex(file.month), 'file'));
  const recent: GenClaim[] = [];
  const previous = new FileContext(spec, addMonths(file.month, -1));
  const fitted = { lines: 0, diagnoses: 0 };
  let nextSpecial = 0;
  let fillerNumber = 0;
  let adjustmentNumber = 0;
  while (serializer.remaining > 0) {
    let claim: GenClaim;
    if (nextSpecial < specials.length && specials[nextSpecial].at <= serializer.written) {
      claim = specials[nextSpecial++].claim;
    } else if (recent.length > 0 && random.chance(0.012)) {
      // Adjustments of claims earlier in this file (profile: ADJUSTMENT-IND 1 void, 4 replacement).
      claim = adjust(file, random.pick(recent), random, ++adjustmentNumber);
    } else if (random.chance(0.006)) {
      // ... and of last month's claims, regenerated exactly from their claim number.
      const original = fillerClaim(previous, 1 + random.int(Math.max(1, Math.floor(spec.records / 4))));
      claim = adjust(file, original, random, ++adjustmentNumber);
    } else {
      claim = fillerClaim(file, ++fillerNumber);
      if (recent.length < 500) recent.push(claim);
      else recent[random.int(500)] = claim;
    }
    chunk += serializer.claim(claim, fitted);
    count(counts, claim, fitted);
    if (chunk.length >= 256 * 1024) {
      counts.textBytes += chunk.length;
      yield chunk;
      chunk = '';
    }
  }
  counts.records = serializer.written;
  counts.textBytes += chunk.length;
  yield chunk;
}

/** Everything that is fixed for one (type, state, month, seed). */
class FileContext {
  readonly usps: string;
  readonly fips: string;
  readonly prefix: string;
  readonly type: ClaimFileType;
  readonly seed: number;
  readonly first: number;
  readonly last: number;
  readonly dates: DateFormatter;
  readonly claimSeed: number;
  readonly icnPrefix: string;
  readonly npis: readonly string[];

  constructor(
    spec: ClaimFileSpec,
    readonly month: YearMonth,
  ) {
    this.usps = spec.state.toUpperCase();
    this.fips = fipsOf(this.usps);
    this.type = spec.type;
    this.prefix = PREFIXES[spec.type];
    this.seed = spec.seed;
    this.first = firstDay(month);
    this.last = lastDay(month);
    this.dates = new DateFormatter(this.first - 400);
    this.claimSeed = hashSeed(spec.seed, this.usps, spec.type, monthIndex(month));
    // Like the worked example's NY20260301COT00001845: state, first day of the month, prefix, number.
    this.icnPrefix = `${this.usps}${this.dates.format(this.first)}${this.prefix}`;
    this.npis = providerNpis(spec.seed, this.usps);
  }

  date(day: number): string {
    return this.dates.format(day);
  }
}

/** A pool of billing providers with NPIs that pass the NPI check digit (Luhn over 80840 + 9 digits). */
function providerNpis(seed: number, usps: string): string[] {
  const random = new SeededRandom(hashSeed(seed, usps, 'npi'));
  const npis: string[] = [];
  for (let i = 0; i < 2000; i++) {
    const body = `${random.chance(0.7) ? 1 : 2}${String(random.int(100_000_000)).padStart(8, '0')}`;
    npis.push(`${body}${npiCheckDigit(body)}`);
  }
  return npis;
}

export function npiCheckDigit(nineDigits: string): number {
  const digits = `80840${nineDigits}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

const OT_CLAIM_TYPES: readonly (readonly [string, number])[] = [
  ['1', 55],
  ['3', 33],
  ['A', 4],
  ['C', 4],
  ['2', 1],
  ['5', 1],
  ['4', 1],
  ['B', 0.5],
  ['D', 0.5],
];
const IP_CLAIM_TYPES: readonly (readonly [string, number])[] = [
  ['1', 60],
  ['3', 35],
  ['A', 2],
  ['C', 3],
];
const LINE_COUNTS: readonly (readonly [number, number])[] = [
  [1, 45],
  [2, 30],
  [3, 17],
  [4, 8],
];

/** Ordinary claim number `n` of the file (pure: the same claim whenever it is asked for). */
function fillerClaim(file: FileContext, n: number): GenClaim {
  const random = new SeededRandom(hashSeed(file.claimSeed, n));
  const inpatient = file.type === 'CLAIMIP';
  const pharmacy = file.type === 'CLAIMRX';
  const typeOfClaim = random.weighted(inpatient || pharmacy ? IP_CLAIM_TYPES : OT_CLAIM_TYPES);
  const denied = random.chance(pharmacy ? 0.07 : 0.04);
  const adjudication = random.between(file.first, file.last);
  const encounter = typeOfClaim === '3' || typeOfClaim === 'C';
  const beneficiary = msisId(file.seed, file.usps, random.int(POPULATION_SIZE));
  const npi = random.chance(0.92) ? random.pick(file.npis) : '';
  const lines: GenLine[] = [];
  const diagnoses: string[] = [];
  let admission = '';
  let discharge = '';
  let begin: number;
  let end: number;
  if (inpatient) {
    end = adjudication - random.between(1, 20);
    begin = end - random.between(1, 9);
    admission = file.date(begin);
    discharge = file.date(end);
    const days = String(end - begin);
    const roomCents = random.between(900, 3500) * 100;
    lines.push(line(random.pick(['0110', '0120']), '', '', '0', '', days, file.date(begin), file.date(end), roomCents));
    const extra = random.weighted(LINE_COUNTS) - 1;
    for (let i = 0; i < extra; i++) {
      const revenue = random.pick(INPATIENT_REVENUE_CODES);
      if (revenue === '0250') {
        const drug = random.pick(COMMON_DRUGS);
        const quantity = random.between(1, 30);
        const day = file.date(random.between(begin, end));
        lines.push(line(revenue, '', drug.ndc, String(quantity), drug.unit, '1', day, day, quantity * drug.unitCents));
      } else {
        const day = file.date(random.between(begin, end));
        lines.push(line(revenue, '', '', '0', '', '1', day, day, random.between(50, 2500) * 100));
      }
    }
    diagnoses.push(random.pick(COMMON_DIAGNOSES));
    const more = random.between(0, 4);
    for (let i = 0; i < more; i++) diagnoses.push(random.pick(COMMON_DIAGNOSES));
    // Sickle-cell disease is common among admissions; crises of untreated patients too.
    if (random.chance(0.04)) diagnoses[random.int(diagnoses.length)] = random.pick(SICKLE_CELL_NON_CRISIS_DIAGNOSES);
    else if (random.chance(0.01)) diagnoses[0] = random.pick(SICKLE_CELL_CRISIS_DIAGNOSES);
  } else {
    begin = adjudication - random.between(1, 45);
    end = random.chance(0.85) ? begin : begin + random.between(1, 3);
    const count = random.weighted(LINE_COUNTS);
    const institutional = !pharmacy && random.chance(0.4);
    for (let i = 0; i < count; i++) {
      const day = file.date(random.between(begin, end));
      if (pharmacy || random.chance(0.35)) {
        const drug = random.pick(COMMON_DRUGS);
        const quantity = pharmacy ? random.pick([7, 14, 28, 30, 30, 60, 90]) : random.between(1, 90);
        const revenue = institutional ? random.pick(['0250', '0636']) : '';
        const cents = Math.round(quantity * drug.unitCents * (0.8 + random.next() * 0.4));
        lines.push(line(revenue, '', drug.ndc, String(quantity), drug.unit, '1', day, day, cents));
      } else {
        const procedure = random.pick(OUTPATIENT_PROCEDURES);
        const revenue = institutional ? random.pick(OUTPATIENT_REVENUE_CODES) : '';
        const cents = Math.round(procedure.cents * (0.8 + random.next() * 0.4));
        lines.push(line(revenue, procedure.code, '', '0', '', String(random.between(1, 2)), day, day, cents));
      }
    }
    if (!pharmacy && random.chance(0.6)) {
      diagnoses.push(random.pick(COMMON_DIAGNOSES));
      if (random.chance(0.3)) diagnoses.push(random.pick(COMMON_DIAGNOSES));
      if (random.chance(0.005)) diagnoses[0] = random.pick(SICKLE_CELL_NON_CRISIS_DIAGNOSES);
    }
  }
  return {
    tag: 'filler',
    icnOrig: `${file.icnPrefix}${String(n).padStart(8, '0')}`,
    icnAdj: '',
    adjudicationDate: file.date(adjudication),
    adjustmentInd: '0',
    msisId: beneficiary,
    typeOfClaim,
    status: denied ? 'F2' : 'F1',
    crossover: random.chance(0.07) ? '1' : '0',
    npi,
    admissionDate: admission,
    dischargeDate: discharge,
    begin: file.date(begin),
    end: file.date(end),
    planId: encounter ? `${file.usps}MCO${String(random.between(1, 12)).padStart(2, '0')}` : '',
    lines: denied ? lines.map((l) => ({ ...l, paidCents: 0 })) : lines,
    diagnoses,
  };
}

function line(
  revenueCode: string,
  procedureCode: string,
  ndc: string,
  ndcQuantity: string,
  unit: string,
  serviceQuantity: string,
  begin: string,
  end: string,
  paidCents: number,
  cgt = false,
): GenLine {
  return { revenueCode, procedureCode, ndc, ndcQuantity, unit, serviceQuantity, begin, end, paidCents, cgt };
}

/**
 * A void (1) or replacement (4) of `original`, adjudicated in this file's month and not before
 * the original (rebate-rules section 2: the latest ADJUDICATION-DATE is the final action).
 */
function adjust(file: FileContext, original: GenClaim, random: SeededRandom, n: number, makeVoid?: boolean): GenClaim {
  const isVoid = makeVoid ?? random.chance(0.4);
  const originalDay = Math.max(file.first, dayOfCcyymmdd(original.adjudicationDate));
  const day = Math.min(file.last, originalDay + random.between(0, 10));
  const adjudicationDate = file.date(day);
  const factor = isVoid ? 1 : 0.85 + random.next() * 0.3;
  return {
    ...original,
    tag: original.tag === 'filler' ? 'adjustment' : original.tag,
    icnAdj: `${file.usps}${adjudicationDate}A${String(n).padStart(6, '0')}`,
    adjudicationDate,
    adjustmentInd: isVoid ? '1' : '4',
    lines: isVoid ? original.lines : original.lines.map((l) => ({ ...l, paidCents: Math.round(l.paidCents * factor) })),
  };
}

function dayOfCcyymmdd(text: string): number {
  return Math.floor(
    Date.UTC(Number(text.slice(0, 4)), Number(text.slice(4, 6)) - 1, Number(text.slice(6, 8))) / 86_400_000,
  );
}

interface Special {
  /** Emitted once this many records have been written. */
  readonly at: number;
  readonly claim: GenClaim;
}

/**
 * The few claims that matter to reconciliation, placed through the file: CGT administrations
 * (about one CGT line per 1,000 records in CLAIMOT files) with their managed-care duplicates,
 * denials, HCPCS-only and mismatched lines, voids and replacements; in CLAIMIP files the crisis
 * admissions of earlier months' treated patients, voids of last month's, and a few inpatient
 * administrations.
 */
function scheduleSpecials(file: FileContext, records: number): Special[] {
  const random = new SeededRandom(hashSeed(file.claimSeed, 'specials'));
  const specials: Special[] = [];
  const place = (at: number, claim: GenClaim): void => {
    specials.push({ at: Math.max(0, Math.min(records, Math.round(at))), claim });
  };
  let adjustments = 900_000;
  if (file.type === 'CLAIMOT') {
    const administrations = Math.max(CORE_PATIENTS_PER_MONTH, Math.round(records / 1360));
    for (let j = 0; j < administrations; j++) {
      const patient = treatedPatient(file.seed, file.usps, file.month, j);
      const core = j < CORE_PATIENTS_PER_MONTH;
      const at = (records * (j + 1)) / (administrations + 1);
      const claim = administrationClaim(file, patient);
      if (!core && random.chance(0.08)) place(at - 1, deniedCopy(file, claim, patient, random));
      place(at, claim);
      if (random.chance(0.15)) place(at + random.between(1, 200), mcoDuplicate(file, claim, patient, random));
      if (!core && random.chance(0.05))
        place(at + random.between(1, 500), adjust(file, claim, random, ++adjustments, true));
    }
    // Last month's administrations: some replaced (paid corrected), a few non-core ones voided.
    const previous = new FileContext(
      { ...fileSpec(file), month: formatYearMonth(addMonths(file.month, -1)) },
      addMonths(file.month, -1),
    );
    for (let j = 0; j < administrations; j++) {
      const replace = random.chance(0.04);
      const voided = !replace && j >= CORE_PATIENTS_PER_MONTH && random.chance(0.03);
      if (!replace && !voided) continue;
      const patient = treatedPatient(file.seed, file.usps, previous.month, j);
      const original = administrationClaim(previous, patient);
      place(random.next() * records, adjust(file, original, random, ++adjustments, voided));
    }
  } else if (file.type === 'CLAIMIP') {
    for (const admission of crisisAdmissions(file.seed, file.usps, file.month)) {
      place(random.next() * records, crisisClaim(file, admission));
    }
    // Some of last month's crisis admissions are voided this month (like the worked example).
    const previous = new FileContext(
      { ...fileSpec(file), month: formatYearMonth(addMonths(file.month, -1)) },
      addMonths(file.month, -1),
    );
    for (const admission of crisisAdmissions(file.seed, file.usps, previous.month)) {
      const decide = new SeededRandom(hashSeed(file.claimSeed, admission.icnOrig));
      if (!decide.chance(0.2)) continue;
      const original = crisisClaim(previous, admission);
      place(random.next() * records, adjust(file, original, random, ++adjustments, true));
    }
    const inpatientAdministrations = Math.round(records / 5000);
    for (let k = 0; k < inpatientAdministrations; k++) {
      const patient = treatedPatient(file.seed, file.usps, file.month, INPATIENT_TREATED_OFFSET + k);
      place(random.next() * records, inpatientAdministration(file, patient, random));
    }
  }
  return specials.sort((a, b) => a.at - b.at);
}

function fileSpec(file: FileContext): ClaimFileSpec {
  return { type: file.type, state: file.usps, month: formatYearMonth(file.month), records: 0, seed: file.seed };
}

type NdcMode = 'ndc' | 'hcpcs-only' | 'mismatch';

/**
 * The FFS outpatient claim of a gene-therapy administration (revenue 0892, J-code, NDC): a pure
 * function of the patient, so a later file can replace or void exactly this claim. Core patients
 * always get a clean claim; others are sometimes HCPCS-only (K) or mismatched (O).
 */
function administrationClaim(file: FileContext, patient: TreatedPatient): GenClaim {
  const random = new SeededRandom(hashSeed(file.seed, patient.usps, 'administration', patient.icnOrig));
  const mode =
    patient.index < CORE_PATIENTS_PER_MONTH
      ? 'ndc'
      : random.weighted<NdcMode>([
          ['ndc', 87],
          ['hcpcs-only', 10],
          ['mismatch', 3],
        ]);
  const product = CGT_PRODUCTS[patient.product];
  const other = CGT_PRODUCTS[patient.product === 'CASGEVY' ? 'LYFGENIA' : 'CASGEVY'];
  const day = file.date(patient.administrationDay);
  const ndc = mode === 'hcpcs-only' ? '' : random.pick(product.ndcSpellings);
  const hcpcs = mode === 'mismatch' ? other.hcpcs : product.hcpcs;
  const lines = [line(GENE_THERAPY_REVENUE_CODE, hcpcs, ndc, '1', 'UN', '1', day, day, patient.paidCents, true)];
  if (random.chance(0.3)) lines.push(line('0260', '96365', '', '0', '', '1', day, day, random.between(150, 400) * 100));
  return {
    tag: 'cgt-administration',
    icnOrig: patient.icnOrig,
    icnAdj: '',
    adjudicationDate: file.date(patient.adjudicationDay),
    adjustmentInd: '0',
    msisId: patient.msisId,
    typeOfClaim: '1',
    status: 'F1',
    crossover: '0',
    npi: random.pick(file.npis),
    admissionDate: '',
    dischargeDate: '',
    begin: day,
    end: day,
    planId: '',
    lines,
    diagnoses: [
      random.weighted([
        ['D571', 80],
        ['D5701', 10],
        ['D5720', 10],
      ]),
    ],
  };
}

/** The managed-care plan's encounter for the same administration, under its own ICN. */
function mcoDuplicate(file: FileContext, claim: GenClaim, patient: TreatedPatient, random: SeededRandom): GenClaim {
  const ndc11 = patient.product === 'CASGEVY' ? '51167029009' : '73554111101';
  return {
    ...claim,
    tag: 'cgt-mco-duplicate',
    icnOrig: specialIcn(file.usps, patient.administrationDay, 2, patient.index),
    adjudicationDate: file.date(Math.min(file.last, patient.adjudicationDay + random.between(0, 8))),
    typeOfClaim: '3',
    planId: `${file.usps}MCO${String(random.between(1, 12)).padStart(2, '0')}`,
    lines: claim.lines.map((l) =>
      l.cgt ? { ...l, ndc: l.ndc === '' ? '' : ndc11, paidCents: l.paidCents - random.between(0, 50) * 1000_00 } : l,
    ),
  };
}

/** A first claim for the administration that was denied (F2, nothing paid). */
function deniedCopy(file: FileContext, claim: GenClaim, patient: TreatedPatient, random: SeededRandom): GenClaim {
  return {
    ...claim,
    tag: 'cgt-denied',
    icnOrig: specialIcn(file.usps, patient.administrationDay, 4, patient.index),
    adjudicationDate: file.date(Math.max(patient.administrationDay, patient.adjudicationDay - random.between(0, 3))),
    status: 'F2',
    lines: claim.lines.map((l) => ({ ...l, paidCents: 0 })),
  };
}

/** An inpatient admission with a sickle-cell crisis as principal diagnosis (pure, like administrations). */
function crisisClaim(file: FileContext, admission: CrisisAdmission): GenClaim {
  const random = new SeededRandom(hashSeed(file.seed, file.usps, 'crisis', admission.icnOrig));
  const begin = file.date(admission.admissionDay);
  const end = file.date(admission.dischargeDay);
  const days = String(admission.dischargeDay - admission.admissionDay);
  const lines = [line('0120', '', '', '0', '', days, begin, end, Math.round(admission.paidCents * 0.7))];
  lines.push(line('0250', '', '', '0', '', '1', begin, end, admission.paidCents - lines[0].paidCents));
  const diagnoses = [admission.diagnosis];
  if (random.chance(0.5)) diagnoses.push(random.pick(['J189', 'R0789', 'N179', 'D571']));
  return {
    tag: 'crisis-admission',
    icnOrig: admission.icnOrig,
    icnAdj: '',
    adjudicationDate: file.date(admission.adjudicationDay),
    adjustmentInd: '0',
    msisId: admission.patient.msisId,
    typeOfClaim: admission.typeOfClaim,
    status: 'F1',
    crossover: '0',
    npi: random.pick(file.npis),
    admissionDate: begin,
    dischargeDate: end,
    begin,
    end,
    planId: admission.typeOfClaim === '3' ? `${file.usps}MCO01` : '',
    lines,
    diagnoses,
  };
}

/** A gene therapy given during an inpatient stay (drug carved out of the DRG, revenue 0892). */
function inpatientAdministration(file: FileContext, patient: TreatedPatient, random: SeededRandom): GenClaim {
  const product = CGT_PRODUCTS[patient.product];
  const admissionDay = patient.administrationDay - random.between(1, 5);
  const dischargeDay = patient.administrationDay + random.between(1, 2);
  const adjudicationDay = Math.min(file.last, Math.max(patient.adjudicationDay, dischargeDay));
  const day = file.date(patient.administrationDay);
  const begin = file.date(admissionDay);
  const end = file.date(dischargeDay);
  return {
    tag: 'cgt-administration',
    icnOrig: specialIcn(file.usps, patient.administrationDay, 5, patient.index),
    icnAdj: '',
    adjudicationDate: file.date(adjudicationDay),
    adjustmentInd: '0',
    msisId: patient.msisId,
    typeOfClaim: '1',
    status: 'F1',
    crossover: '0',
    npi: random.pick(file.npis),
    admissionDate: begin,
    dischargeDate: end,
    begin,
    end,
    planId: '',
    lines: [
      line('0120', '', '', '0', '', String(dischargeDay - admissionDay), begin, end, random.between(2000, 9000) * 100),
      line(
        GENE_THERAPY_REVENUE_CODE,
        product.hcpcs,
        random.pick(product.ndcSpellings),
        '1',
        'UN',
        '1',
        day,
        day,
        patient.paidCents,
        true,
      ),
    ],
    diagnoses: ['D571'],
  };
}

const CGT_HCPCS = new Set([CGT_PRODUCTS.CASGEVY.hcpcs, CGT_PRODUCTS.LYFGENIA.hcpcs]);
const CRISIS = new Set(SICKLE_CELL_CRISIS_DIAGNOSES);
const NON_CRISIS = new Set(SICKLE_CELL_NON_CRISIS_DIAGNOSES);

function count(counts: GeneratedClaimCounts, claim: GenClaim, fitted: { lines: number; diagnoses: number }): void {
  counts.claimHeaders++;
  counts.lines += fitted.lines;
  counts.diagnoses += fitted.diagnoses;
  let cgt = false;
  for (let i = 0; i < fitted.lines; i++) {
    const l = claim.lines[i];
    if (!l.cgt) continue;
    cgt = true;
    counts.cgtLines++;
    if (l.ndc === '' && CGT_HCPCS.has(l.procedureCode)) counts.cgtHcpcsOnlyLines++;
    else if (isMismatch(l)) counts.cgtMismatchedLines++;
  }
  const denied = claim.status === 'F2';
  if (denied) counts.deniedClaims++;
  if (claim.adjustmentInd === '1') counts.voids++;
  else if (claim.adjustmentInd === '4') counts.replacements++;
  if (cgt && denied) counts.cgtDenied++;
  const original = claim.adjustmentInd === '0' && !denied;
  if (cgt && original && claim.tag === 'cgt-administration') counts.cgtAdministrations++;
  if (cgt && original && claim.tag === 'cgt-mco-duplicate') counts.cgtMcoDuplicates++;
  let crisis = false;
  let nonCrisis = false;
  for (let i = 0; i < fitted.diagnoses; i++) {
    const code = claim.diagnoses[i];
    if (CRISIS.has(code)) crisis = true;
    else if (NON_CRISIS.has(code)) nonCrisis = true;
  }
  if (claim.admissionDate !== '' && crisis && original) {
    counts.crisisAdmissions++;
    if (claim.tag === 'crisis-admission') counts.treatedPatientCrisisAdmissions++;
  }
  if (nonCrisis) counts.nonCrisisSickleCellClaims++;
}

function isMismatch(l: GenLine): boolean {
  const casgevyNdc = l.ndc.startsWith('51167');
  return (
    (casgevyNdc && l.procedureCode === CGT_PRODUCTS.LYFGENIA.hcpcs) ||
    (!casgevyNdc && l.ndc !== '' && l.procedureCode === CGT_PRODUCTS.CASGEVY.hcpcs)
  );
}

export type { ClaimTag };
