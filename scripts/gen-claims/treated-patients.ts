import { type YearMonth, addMonths, ccyymmdd, dayNumber, firstDay, lastDay, monthIndex } from './calendar';
import { type CgtProduct, CGT_PRODUCTS, SICKLE_CELL_CRISIS_DIAGNOSES } from './code-catalog';
import { SeededRandom, hashSeed } from './seeded-random';

/**
 * The deterministic registry of beneficiaries for one (state, seed): who exists, who was treated
 * in which month with which product, and when they are admitted in crisis afterwards. Every file
 * of that state and seed draws from it, so a later month's CLAIMIP file holds crisis admissions
 * of patients treated in earlier months' CLAIMOT files: that is what makes a multi-month demo
 * show outcome rebates (rebate-rules section 5).
 */

/** Beneficiaries that ordinary claims are drawn from. */
export const POPULATION_SIZE = 250_000;
/** Patients treated in every CLAIMOT file (whatever its size); their crises appear later. */
export const CORE_PATIENTS_PER_MONTH = 2;
/** Crisis admissions are followed this many months after treatment (the longest outcome window). */
export const CRISIS_FOLLOW_UP_MONTHS = 36;
/** Chance per month of follow-up that a core patient is admitted in crisis. */
export const CRISIS_CHANCE_PER_MONTH = 0.1;

/** Index ranges of beneficiaries: ordinary population, then treated patients by month. */
const TREATED_BASE = POPULATION_SIZE;
const TREATED_PER_MONTH = 10_000;
/** Patients treated as inpatients in CLAIMIP files use another range of the same month. */
export const INPATIENT_TREATED_OFFSET = 5_000;

/**
 * MSIS-IDENTIFICATION-NUM of beneficiary `index`: a bijection of the index onto 9 digits
 * (3^18 is coprime with 10^9), shifted by the seed, so ids look random but never collide.
 */
export function msisId(seed: number, usps: string, index: number): string {
  const shift = hashSeed(seed, usps, 'msis') % 1_000_000_000;
  const scrambled = (((index * 387_420_489) % 1_000_000_000) + shift) % 1_000_000_000;
  return `M${String(scrambled).padStart(9, '0')}`;
}

export interface TreatedPatient {
  readonly usps: string;
  readonly month: YearMonth;
  /** 0.. within the month; the first CORE_PATIENTS_PER_MONTH are in every CLAIMOT file. */
  readonly index: number;
  readonly msisId: string;
  readonly product: CgtProduct;
  /** Day number (days since 1970-01-01) of the administration, and the same as an IsoDate. */
  readonly administrationDay: number;
  readonly administrationDate: string;
  /** Day the administration claim was adjudicated (same month, never before the administration). */
  readonly adjudicationDay: number;
  /** ICN-ORIG of the fee-for-service administration claim. */
  readonly icnOrig: string;
  readonly paidCents: number;
}

/** Patient `index` treated in `month` (pure: same inputs, same patient). */
export function treatedPatient(seed: number, usps: string, month: YearMonth, index: number): TreatedPatient {
  const random = new SeededRandom(hashSeed(seed, usps, 'treated', monthIndex(month), index));
  const product: CgtProduct = random.chance(0.6) ? 'CASGEVY' : 'LYFGENIA';
  const first = firstDay(month);
  const last = lastDay(month);
  const administrationDay = random.between(first, last - 3);
  const adjudicationDay = Math.min(last, administrationDay + random.between(1, 12));
  const wac = CGT_PRODUCTS[product].wacCents;
  // Most states pay the WAC; some pay a little less (acquisition cost), rarely more.
  const paidCents = random.weighted<number>([
    [wac, 80],
    [wac - random.between(1, 50) * 1000_00, 15],
    [wac + random.between(1, 20) * 1000_00, 5],
  ]);
  const beneficiary = TREATED_BASE + (monthIndex(month) % 1000) * TREATED_PER_MONTH + index;
  return {
    usps,
    month,
    index,
    msisId: msisId(seed, usps, beneficiary),
    product,
    administrationDay,
    administrationDate: isoDate(administrationDay),
    adjudicationDay,
    icnOrig: specialIcn(usps, adjudicationDay, 1, index),
    paidCents,
  };
}

export function coreTreatedPatients(seed: number, usps: string, month: YearMonth): TreatedPatient[] {
  const patients: TreatedPatient[] = [];
  for (let i = 0; i < CORE_PATIENTS_PER_MONTH; i++) patients.push(treatedPatient(seed, usps, month, i));
  return patients;
}

export interface CrisisAdmission {
  readonly patient: TreatedPatient;
  /** Months between the treatment month and the admission month (>= 1). */
  readonly monthsAfter: number;
  readonly admissionDay: number;
  /** ADMISSION-DATE as an IsoDate. */
  readonly admissionDate: string;
  readonly dischargeDay: number;
  readonly adjudicationDay: number;
  readonly diagnosis: string;
  readonly icnOrig: string;
  readonly typeOfClaim: '1' | '3';
  readonly paidCents: number;
}

/**
 * Crisis admissions in `month` of the core patients treated in the CRISIS_FOLLOW_UP_MONTHS
 * before it, in a stable order (treatment month, then patient).
 */
export function crisisAdmissions(seed: number, usps: string, month: YearMonth): CrisisAdmission[] {
  const admissions: CrisisAdmission[] = [];
  for (let after = CRISIS_FOLLOW_UP_MONTHS; after >= 1; after--) {
    const treatedIn = addMonths(month, -after);
    for (const patient of coreTreatedPatients(seed, usps, treatedIn)) {
      const random = new SeededRandom(hashSeed(seed, usps, 'crisis', monthIndex(treatedIn), patient.index, after));
      if (!random.chance(CRISIS_CHANCE_PER_MONTH)) continue;
      const first = firstDay(month);
      const last = lastDay(month);
      const admissionDay = random.between(first, last - 8);
      const dischargeDay = admissionDay + random.between(1, 5);
      const adjudicationDay = Math.min(last, dischargeDay + random.between(1, 10));
      admissions.push({
        patient,
        monthsAfter: after,
        admissionDay,
        admissionDate: isoDate(admissionDay),
        dischargeDay,
        adjudicationDay,
        diagnosis: random.pick(SICKLE_CELL_CRISIS_DIAGNOSES),
        icnOrig: specialIcn(usps, admissionDay, 3, (monthIndex(treatedIn) % 100) * 100 + patient.index),
        typeOfClaim: random.chance(0.7) ? '1' : '3',
        paidCents: random.between(6_000, 45_000) * 100,
      });
    }
  }
  return admissions;
}

/**
 * ICNs of the registry's claims: state, a date, a kind digit and a number (like the profile's
 * example NY2026030100017). Ordinary claims use another shape, so the two never collide.
 */
export function specialIcn(usps: string, day: number, kind: number, n: number): string {
  return `${usps}${ccyymmdd(day)}${kind}${String(n).padStart(4, '0')}`;
}

/** Day number -> IsoDate (`2026-03-12`). */
export function isoDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** For tests and demos: the day number of an ISO date. */
export function dayOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return dayNumber(y, m, d);
}
